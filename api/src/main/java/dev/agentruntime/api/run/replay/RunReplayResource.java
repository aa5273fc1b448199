package dev.agentruntime.api.run.replay;

import dev.agentruntime.api.metrics.AdmissionMetrics;
import dev.agentruntime.api.run.AdmittedRun;
import dev.agentruntime.api.run.IdempotencyKeys;
import dev.agentruntime.api.run.RunResponse;
import dev.agentruntime.api.security.CurrentActor;
import dev.agentruntime.api.security.CurrentTenant;
import dev.agentruntime.api.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
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

/** Replays of a run of the caller's tenant: its input run again on another version. */
@Tag(name = "Runs")
@Path("/v1/runs/{runId}/replay")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RunReplayResource {

  private final RunReplays replays;
  private final CurrentTenant tenant;
  private final CurrentActor actor;
  private final AdmissionMetrics metrics;

  public RunReplayResource(
      RunReplays replays, CurrentTenant tenant, CurrentActor actor, AdmissionMetrics metrics) {
    this.replays = replays;
    this.tenant = tenant;
    this.actor = actor;
    this.metrics = metrics;
  }

  @POST
  @RolesAllowed(Roles.RUNNER)
  @Operation(
      operationId = "replayRun",
      summary = "Run a run's input again on another version (202; idempotent with a key)",
      description =
          "Starts a new run of the same agent with the source run's exact input, on `version`,"
              + " on the version `alias` resolves to, or on the latest; its `source` names the"
              + " source run (kind `replay`). The source may be in any status. Admitted like"
              + " POST /v1/runs (rate, budget, concurrency, Idempotency-Key). Compare the two"
              + " with GET /v1/runs/{runId}/compare/{otherRunId}.")
  @Parameter(
      name = "Idempotency-Key",
      in = ParameterIn.HEADER,
      description = "1 to 200 visible ASCII characters; makes the request idempotent",
      schema =
          @Schema(
              type = SchemaType.STRING,
              pattern = "^[\\x21-\\x7E]{1,200}$",
              minLength = 1,
              maxLength = 200))
  @APIResponse(
      responseCode = "202",
      description = "The replay was accepted (or was accepted before, for a repeated key)",
      headers = {
        @Header(name = "Location", ref = "Location"),
        @Header(name = IdempotencyKeys.REPLAYED_HEADER, ref = "IdempotentReplayed")
      },
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = RunResponse.class)))
  @APIResponse(
      responseCode = "404",
      ref = "NotFound",
      description = "No such run in the tenant, or its agent has no such version or alias")
  @APIResponse(
      responseCode = "409",
      ref = "Conflict",
      description = "The source run's data is purged (run-purged): its input is not run again")
  @APIResponse(
      responseCode = "422",
      ref = "UnprocessableContent",
      description = "The Idempotency-Key was used before with another request")
  @APIResponse(
      responseCode = "429",
      ref = "TooManyRequests",
      description =
          "The tenant is over its admission rate (rate-limited), or spent a budget for the"
              + " period (tenant-budget-exceeded); Retry-After says when to retry")
  public Response replay(
      @PathParam("runId") UUID runId,
      @Context HttpHeaders headers,
      @Valid @NotNull ReplayRunRequest body) {
    String idempotencyKey = IdempotencyKeys.check(headers.getRequestHeader(IdempotencyKeys.HEADER));
    String tenantId = tenant.require();
    String startedBy = actor.subject();
    AdmittedRun admitted =
        metrics.measure(
            tenantId, () -> replays.replay(tenantId, runId, idempotencyKey, body, startedBy));
    return admitted.accepted();
  }
}
