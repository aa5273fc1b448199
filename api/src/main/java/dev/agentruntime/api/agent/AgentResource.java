package dev.agentruntime.api.agent;

import dev.agentruntime.api.security.CurrentActor;
import dev.agentruntime.api.security.CurrentTenant;
import dev.agentruntime.api.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
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

/** Agents of the caller's tenant and their versions. */
@Tag(name = "Agents")
@Path("/v1/agents")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AgentResource {

  private final AgentService service;
  private final CurrentTenant tenant;
  private final CurrentActor actor;

  public AgentResource(AgentService service, CurrentTenant tenant, CurrentActor actor) {
    this.service = service;
    this.tenant = tenant;
    this.actor = actor;
  }

  @POST
  @RolesAllowed(Roles.AGENT_ADMIN)
  @Operation(operationId = "createAgent", summary = "Create an agent")
  @APIResponse(
      responseCode = "201",
      description = "The agent was created",
      headers = @Header(name = "Location", ref = "Location"),
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = AgentResponse.class)))
  @APIResponse(
      responseCode = "409",
      ref = "AlreadyExists",
      description = "An agent with this name exists in the tenant; Location names it")
  public Response create(@Valid @NotNull CreateAgentRequest body) {
    AgentResponse agent = service.create(tenant.require(), body, actor.subject());
    return Response.created(URI.create("/v1/agents/" + agent.id())).entity(agent).build();
  }

  @GET
  @RolesAllowed({Roles.VIEWER, Roles.RUNNER, Roles.AGENT_ADMIN})
  @Operation(operationId = "listAgents", summary = "List agents")
  public List<AgentResponse> list() {
    return service.list(tenant.require());
  }

  @GET
  @Path("/{agentId}")
  @RolesAllowed({Roles.VIEWER, Roles.RUNNER, Roles.AGENT_ADMIN})
  @Operation(operationId = "getAgent", summary = "Read an agent")
  public AgentResponse get(@PathParam("agentId") UUID agentId) {
    return service.get(tenant.require(), agentId);
  }

  @POST
  @Path("/{agentId}/versions")
  @RolesAllowed(Roles.AGENT_ADMIN)
  @Operation(
      operationId = "publishVersion",
      summary = "Publish a version (idempotent: an unchanged spec returns the latest)",
      description =
          "Publishes the spec as the agent's next version (201). A spec equal to the latest"
              + " version's is not published again: the answer is 200 with that version. An"
              + " invalid spec is refused with 422 and its violations, as is one naming a"
              + " `secret:` the tenant does not have or an `env:`/`file:` secret the operator did"
              + " not grant to the tenant.")
  @APIResponse(
      responseCode = "201",
      description = "The version was published",
      headers = @Header(name = "Location", ref = "Location"),
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = AgentVersionResponse.class)))
  @APIResponse(
      responseCode = "200",
      description = "The spec equals the latest version's; that version, unchanged",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = AgentVersionResponse.class)))
  @APIResponse(
      responseCode = "422",
      ref = "UnprocessableContent",
      description =
          "The spec is invalid, or names secrets the tenant may not use; violations name each"
              + " field")
  public Response publish(
      @PathParam("agentId") UUID agentId, @Valid @NotNull PublishVersionRequest body) {
    PublishedVersion published = service.publish(tenant.require(), agentId, body, actor.subject());
    AgentVersionResponse version = published.version();
    if (!published.created()) {
      return Response.ok(version).build();
    }
    return Response.created(URI.create("/v1/agents/" + agentId + "/versions/" + version.version()))
        .entity(version)
        .build();
  }

  @GET
  @Path("/{agentId}/versions")
  @RolesAllowed({Roles.VIEWER, Roles.RUNNER, Roles.AGENT_ADMIN})
  @Operation(operationId = "listVersions", summary = "List an agent's versions")
  public List<AgentVersionResponse> listVersions(@PathParam("agentId") UUID agentId) {
    return service.listVersions(tenant.require(), agentId);
  }

  @GET
  @Path("/{agentId}/versions/{version}")
  @RolesAllowed({Roles.VIEWER, Roles.RUNNER, Roles.AGENT_ADMIN})
  @Operation(operationId = "getVersion", summary = "Read one version of an agent")
  @Parameter(
      name = "version",
      in = ParameterIn.PATH,
      schema =
          @Schema(
              type = SchemaType.INTEGER,
              format = "int32",
              minimum = "1",
              maximum = "2147483647"))
  public AgentVersionResponse getVersion(
      @PathParam("agentId") UUID agentId, @PathParam("version") int version) {
    return service.getVersion(tenant.require(), agentId, version);
  }
}
