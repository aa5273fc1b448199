package dev.agentruntime.api.run.compare;

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

/** Two runs of the caller's tenant compared, for evaluating one version against another. */
@Tag(name = "Runs")
@Path("/v1/runs/{runId}/compare/{otherRunId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RunComparisonResource {

  private final RunComparisons comparisons;
  private final CurrentTenant tenant;

  public RunComparisonResource(RunComparisons comparisons, CurrentTenant tenant) {
    this.comparisons = comparisons;
    this.tenant = tenant;
  }

  @GET
  @RolesAllowed({Roles.VIEWER, Roles.RUNNER, Roles.AGENT_ADMIN})
  @Operation(
      operationId = "compareRuns",
      summary = "Two runs side by side: outputs, steps, tokens, duration and cost",
      description =
          "Each run as it stands (status, agent and version, output, steps, tokens by kind,"
              + " duration, cost), what differs (`differences`: the second's figures minus the"
              + " first's, whether the outputs are equal), and their steps side by side by step"
              + " number. Runs of different agents compare too (`sameAgent` says so). A run not"
              + " finished compares what it has so far (`finished: false`, `settled: false`).")
  public RunComparisonResponse compare(
      @PathParam("runId") UUID runId, @PathParam("otherRunId") UUID otherRunId) {
    return comparisons.compare(tenant.require(), runId, otherRunId);
  }
}
