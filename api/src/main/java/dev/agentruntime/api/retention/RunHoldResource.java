package dev.agentruntime.api.retention;

import dev.agentruntime.api.problem.Problem;
import dev.agentruntime.api.security.CurrentActor;
import dev.agentruntime.api.security.CurrentTenant;
import dev.agentruntime.api.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A legal hold on a run of the caller's tenant: its data is kept past its retention. */
@Tag(name = "Runs")
@Path("/v1/runs/{runId}/hold")
@Produces(MediaType.APPLICATION_JSON)
// The tenant's own administrators: a hold is a decision about the tenant's data, and a platform
// administrator's token names no tenant (a tenant-wide hold is in the tenant's policy).
@RolesAllowed(Roles.AGENT_ADMIN)
public class RunHoldResource {

  private final RunHolds holds;
  private final CurrentTenant tenant;
  private final CurrentActor actor;

  public RunHoldResource(RunHolds holds, CurrentTenant tenant, CurrentActor actor) {
    this.holds = holds;
    this.tenant = tenant;
    this.actor = actor;
  }

  @PUT
  @Operation(
      operationId = "holdRun",
      summary = "Put a legal hold on a run (idempotent)",
      description =
          "While held, the run and the runs of its tree are never purged, whatever the"
              + " retention. A run whose purge has begun answers 409 run-purged.")
  @APIResponse(
      responseCode = "200",
      description = "The run is held",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = RunHoldResponse.class)))
  @APIResponse(responseCode = "404", ref = "NotFound", description = "No such run in the tenant")
  @APIResponse(responseCode = "409", ref = "Conflict", description = "The run is purged")
  public RunHoldResponse hold(@PathParam("runId") UUID runId) {
    return holds.hold(tenant.require(), runId, actor.subject());
  }

  @DELETE
  @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE}) // a 204: see Problem.MEDIA_TYPE
  @Operation(
      operationId = "releaseRunHold",
      summary = "Release a run's legal hold (idempotent)",
      description = "The run is purged again once its retention has passed.")
  @APIResponse(responseCode = "204", description = "The run is not held")
  @APIResponse(responseCode = "404", ref = "NotFound", description = "No such run in the tenant")
  public void release(@PathParam("runId") UUID runId) {
    holds.release(tenant.require(), runId);
  }
}
