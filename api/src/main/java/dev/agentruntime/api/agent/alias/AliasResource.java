package dev.agentruntime.api.agent.alias;

import dev.agentruntime.api.problem.Problem;
import dev.agentruntime.api.problem.QueryParameters;
import dev.agentruntime.api.security.CurrentActor;
import dev.agentruntime.api.security.CurrentTenant;
import dev.agentruntime.api.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Aliases of an agent: names that point at a version, or split runs between two. */
@Tag(name = "Agents")
@Path("/v1/agents/{agentId}/aliases")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AliasResource {

  private final AliasService service;
  private final CurrentTenant tenant;
  private final CurrentActor actor;

  public AliasResource(AliasService service, CurrentTenant tenant, CurrentActor actor) {
    this.service = service;
    this.tenant = tenant;
    this.actor = actor;
  }

  @PUT
  @Path("/{name}")
  @RolesAllowed(Roles.AGENT_ADMIN)
  @Operation(
      operationId = "putAlias",
      summary = "Point an alias at a version, or split it with a canary (create or move)",
      description =
          "Runs that name the alias (`POST /v1/runs` with `alias`) take `version`, or with a"
              + " `canary` its version for `weight` percent of them: sticky per `routingKey` when"
              + " the run gives one, random otherwise. 201 when the alias is created, 200 when it"
              + " is moved or already points there (then nothing is recorded). A move is atomic,"
              + " recorded in the alias's history with its actor, and never changes runs already"
              + " admitted: they keep the version they resolved to. Rolling back is moving it"
              + " back. With `If-Match` (the alias's ETag) the move happens only if nobody moved"
              + " it since.")
  @Parameter(
      name = "name",
      in = ParameterIn.PATH,
      schema = @Schema(type = SchemaType.STRING, pattern = AliasService.NAME_REGEX, maxLength = 63))
  @Parameter(
      name = "If-Match",
      in = ParameterIn.HEADER,
      description = "The alias's ETag as read (`\"3\"`), or `*` for any existing alias",
      schema = @Schema(type = SchemaType.STRING, maxLength = 200))
  @APIResponse(
      responseCode = "201",
      description = "The alias was created",
      headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = AliasResponse.class)))
  @APIResponse(
      responseCode = "200",
      description = "The alias was moved, or already pointed there",
      headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = AliasResponse.class)))
  @APIResponse(responseCode = "404", ref = "NotFound", description = "No such agent")
  @APIResponse(
      responseCode = "412",
      ref = "PreconditionFailed",
      description = "`If-Match` does not name the alias's current ETag; nothing changed")
  @APIResponse(
      responseCode = "422",
      ref = "UnprocessableContent",
      description = "`version` or `canary.version` is not a version of the agent; nothing changed")
  public Response put(
      @PathParam("agentId") UUID agentId,
      @PathParam("name") String name,
      @HeaderParam("If-Match") String ifMatch,
      @Valid @NotNull PutAliasRequest body) {
    AliasService.Put put =
        service.put(tenant.require(), agentId, name, body, ifMatch, actor.subject());
    return Response.status(put.created() ? Response.Status.CREATED : Response.Status.OK)
        .tag(Integer.toString(put.alias().revision()))
        .entity(put.alias())
        .build();
  }

  @GET
  @RolesAllowed({Roles.VIEWER, Roles.RUNNER, Roles.AGENT_ADMIN})
  @Operation(operationId = "listAliases", summary = "List an agent's aliases")
  public List<AliasResponse> list(@PathParam("agentId") UUID agentId) {
    return service.list(tenant.require(), agentId);
  }

  @GET
  @Path("/{name}")
  @RolesAllowed({Roles.VIEWER, Roles.RUNNER, Roles.AGENT_ADMIN})
  @Operation(operationId = "getAlias", summary = "Read an alias (its ETag in the header)")
  @APIResponse(
      responseCode = "200",
      description = "The alias",
      headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = AliasResponse.class)))
  @APIResponse(responseCode = "404", ref = "NotFound", description = "No such agent or alias")
  public Response get(@PathParam("agentId") UUID agentId, @PathParam("name") String name) {
    AliasResponse alias = service.get(tenant.require(), agentId, name);
    return Response.ok(alias).tag(Integer.toString(alias.revision())).build();
  }

  @DELETE
  @Path("/{name}")
  @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE}) // a 204: see Problem.MEDIA_TYPE
  @RolesAllowed(Roles.AGENT_ADMIN)
  @Operation(
      operationId = "deleteAlias",
      summary = "Delete an alias (recorded in its history)",
      description =
          "Runs that name the alias afterwards answer 404; runs admitted before keep their"
              + " version.")
  @Parameter(
      name = "If-Match",
      in = ParameterIn.HEADER,
      description = "The alias's ETag as read (`\"3\"`), or `*`",
      schema = @Schema(type = SchemaType.STRING, maxLength = 200))
  @APIResponse(responseCode = "204", description = "The alias was deleted")
  @APIResponse(responseCode = "404", ref = "NotFound", description = "No such agent or alias")
  @APIResponse(
      responseCode = "412",
      ref = "PreconditionFailed",
      description = "`If-Match` does not name the alias's current ETag; nothing changed")
  public Response delete(
      @PathParam("agentId") UUID agentId,
      @PathParam("name") String name,
      @HeaderParam("If-Match") String ifMatch) {
    service.delete(tenant.require(), agentId, name, ifMatch, actor.subject());
    return Response.noContent().build();
  }

  @GET
  @Path("/{name}/history")
  @RolesAllowed({Roles.VIEWER, Roles.RUNNER, Roles.AGENT_ADMIN})
  @Operation(
      operationId = "getAliasHistory",
      summary = "An alias's moves, newest first, with who made each (kept after deletion)")
  @APIResponse(
      responseCode = "200",
      description = "The alias's changes, newest first",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema =
                  @Schema(type = SchemaType.ARRAY, implementation = AliasChangeResponse.class)))
  @APIResponse(responseCode = "400", ref = "BadRequest", description = "`limit` is out of range")
  @APIResponse(
      responseCode = "404",
      ref = "NotFound",
      description = "No such agent, or the agent never had this alias")
  public List<AliasChangeResponse> history(
      @PathParam("agentId") UUID agentId,
      @PathParam("name") String name,
      @Parameter(description = "At most this many changes, the newest")
          @QueryParam("limit")
          @DefaultValue("100")
          @Min(1)
          @Max(1000)
          int limit,
      @Context UriInfo uri) {
    QueryParameters.refuseEmpty(uri, "limit");
    return service.history(tenant.require(), agentId, name, limit);
  }
}
