package dev.agentruntime.api.run.lineage;

import dev.agentruntime.api.security.CurrentTenant;
import dev.agentruntime.api.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Where a run of the caller's tenant came from (forks, replays) and what came from it. */
@Tag(name = "Runs")
@Path("/v1/runs/{runId}/lineage")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RunLineageResource {

  private final RunLineageService lineage;
  private final CurrentTenant tenant;

  public RunLineageResource(RunLineageService lineage, CurrentTenant tenant) {
    this.lineage = lineage;
    this.tenant = tenant;
  }

  @GET
  @RolesAllowed({Roles.VIEWER, Roles.RUNNER, Roles.AGENT_ADMIN})
  @Operation(
      operationId = "getRunLineage",
      summary = "A run's sources up to the first run, and the runs forked or replayed from it",
      description =
          "`ancestors` walks the sources up, nearest first, each with how it was derived"
              + " (`source.kind`: fork with its `forkStep`, or replay); `derived` lists the runs"
              + " forked or replayed directly from this one, oldest first, each with how many"
              + " came from it in turn. A run whose data retention purged still appears, marked"
              + " `purged`.")
  public RunLineageResponse lineage(@PathParam("runId") UUID runId) {
    return lineage.lineage(tenant.require(), runId);
  }
}
