package dev.agentruntime.api.tenant;

import dev.agentruntime.api.problem.OptionalJsonBody;
import dev.agentruntime.api.security.CurrentActor;
import dev.agentruntime.api.security.Roles;
import dev.agentruntime.api.tenant.deletion.TenantDeletionResponse;
import dev.agentruntime.api.tenant.deletion.TenantDeletions;
import dev.agentruntime.api.tenant.lifecycle.ResumeTenantRequest;
import dev.agentruntime.api.tenant.lifecycle.SuspendTenantRequest;
import dev.agentruntime.api.tenant.lifecycle.TenantSuspensions;
import dev.agentruntime.core.tenant.TenantIds;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Tenants, managed by platform administrators. */
@Tag(name = "Tenants")
@Path("/v1/tenants")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.PLATFORM_ADMIN)
public class TenantResource {

  private final TenantService service;
  private final TenantSuspensions suspensions;
  private final CurrentActor actor;
  private final OptionalJsonBody bodies;
  private final TenantDeletions deletions;

  public TenantResource(
      TenantService service,
      TenantSuspensions suspensions,
      CurrentActor actor,
      OptionalJsonBody bodies,
      TenantDeletions deletions) {
    this.service = service;
    this.suspensions = suspensions;
    this.deletions = deletions;
    this.actor = actor;
    this.bodies = bodies;
  }

  @POST
  @Operation(operationId = "createTenant", summary = "Create a tenant")
  @APIResponse(
      responseCode = "201",
      description = "The tenant was created",
      headers = @Header(name = "Location", ref = "Location"),
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = TenantResponse.class)))
  @APIResponse(
      responseCode = "409",
      ref = "AlreadyExists",
      description = "A tenant with this id exists; Location names it")
  public Response create(@Valid @NotNull CreateTenantRequest body) {
    TenantResponse tenant = service.create(body, actor.subject());
    return Response.created(URI.create("/v1/tenants/" + tenant.id())).entity(tenant).build();
  }

  @GET
  @Operation(operationId = "listTenants", summary = "List tenants")
  public List<TenantResponse> list() {
    return service.list();
  }

  @GET
  @Path("/{id}")
  @Operation(operationId = "getTenant", summary = "Read a tenant")
  @Parameter(
      name = "id",
      in = ParameterIn.PATH,
      schema = @Schema(type = SchemaType.STRING, pattern = TenantIds.REGEX))
  public TenantResponse get(@PathParam("id") String id) {
    return service.get(id);
  }

  @POST
  @Path("/{id}/suspend")
  // Any media type and a raw body: the body is optional (see OptionalJsonBody).
  @Consumes(MediaType.WILDCARD)
  @Operation(
      operationId = "suspendTenant",
      summary = "Suspend a tenant: it starts no run until resumed",
      description =
          "From the answer on, every new run of the tenant is refused with 403 tenant-suspended,"
              + " whatever its origin (POST /v1/runs, a trigger, a schedule, a sub-agent call);"
              + " reads still work. `runs` says what becomes of its runs not ended: `keep`"
              + " (default), `pause` or `cancel`. Idempotent: repeating it finishes one that"
              + " stopped half-way (503).")
  @APIResponse(
      responseCode = "200",
      description = "The tenant, suspended",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = TenantResponse.class)))
  @APIResponse(responseCode = "404", ref = "NotFound", description = "No such tenant")
  public TenantResponse suspend(
      @PathParam("id")
          @Parameter(schema = @Schema(type = SchemaType.STRING, pattern = TenantIds.REGEX))
          String id,
      @Context HttpHeaders headers,
      @RequestBody(
              required = false,
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON,
                      schema = @Schema(implementation = SuspendTenantRequest.class)))
          byte[] body)
      throws IOException {
    return suspensions.suspend(
        id, bodies.read(headers, body, SuspendTenantRequest.class), actor.subject());
  }

  @POST
  @Path("/{id}/resume")
  @Consumes(MediaType.WILDCARD)
  @Operation(
      operationId = "resumeTenant",
      summary = "Resume a suspended tenant",
      description =
          "The tenant starts runs again; with `resumeRuns: true` its paused runs go on too."
              + " Idempotent.")
  @APIResponse(
      responseCode = "200",
      description = "The tenant, no longer suspended",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = TenantResponse.class)))
  @APIResponse(responseCode = "404", ref = "NotFound", description = "No such tenant")
  public TenantResponse resume(
      @PathParam("id")
          @Parameter(schema = @Schema(type = SchemaType.STRING, pattern = TenantIds.REGEX))
          String id,
      @Context HttpHeaders headers,
      @RequestBody(
              required = false,
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON,
                      schema = @Schema(implementation = ResumeTenantRequest.class)))
          byte[] body)
      throws IOException {
    return suspensions.resume(
        id, bodies.read(headers, body, ResumeTenantRequest.class), actor.subject());
  }

  @DELETE
  @Path("/{id}")
  @Operation(
      operationId = "deleteTenant",
      summary = "Delete a tenant and everything it owns (202, with a receipt)",
      description =
          "Suspends the tenant at once (no run of it is admitted any more) and deletes, in the"
              + " background: its workflows in Temporal (running ones are terminated first) and"
              + " its schedules, its objects, and every row it owns (runs, events, artifacts,"
              + " agents and versions, secrets and its data key, webhooks and deliveries,"
              + " triggers, schedules, usage, policy), the tenant last. The receipt (Location)"
              + " says what was deleted and when it was done, and is kept after the tenant is"
              + " gone; the tenant's id can never be used again. Idempotent: asking again"
              + " answers the same receipt.")
  @APIResponse(
      responseCode = "202",
      description = "The deletion is under way (or was asked for before)",
      headers = @Header(name = "Location", ref = "Location"),
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = TenantDeletionResponse.class)))
  @APIResponse(responseCode = "404", ref = "NotFound", description = "No such tenant")
  public Response delete(
      @PathParam("id")
          @Parameter(schema = @Schema(type = SchemaType.STRING, pattern = TenantIds.REGEX))
          String id) {
    TenantDeletionResponse receipt = deletions.request(id, actor.subject());
    return Response.accepted(receipt)
        .location(URI.create("/v1/tenant-deletions/" + receipt.id()))
        .build();
  }
}
