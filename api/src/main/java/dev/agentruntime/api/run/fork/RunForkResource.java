package dev.agentruntime.api.run.fork;

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

/** Forks of the caller's tenant's runs: a new run that reuses a finished run's first steps. */
@Tag(name = "Runs")
@Path("/v1/runs/{runId}/fork")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RunForkResource {

  private final RunForkService forks;
  private final CurrentTenant tenant;
  private final CurrentActor actor;

  public RunForkResource(RunForkService forks, CurrentTenant tenant, CurrentActor actor) {
    this.forks = forks;
    this.tenant = tenant;
    this.actor = actor;
  }

  @POST
  @RolesAllowed(Roles.RUNNER)
  @Operation(
      operationId = "forkRun",
      summary = "Fork a finished run from one of its steps (202; idempotent with Idempotency-Key)",
      description =
          "Accepts a new run of the same agent (the source's version, or the `version` or `alias`"
              + " given) that takes the source's steps before `fromStep` as recorded, without"
              + " calling the model or running any tool again, and runs live from `fromStep`."
              + " `inputPatch` (RFC 7396) changes the new run's input. See docs/api.md, \"Forking a"
              + " run\", for what is reused: transcripts, tool results, child runs, approvals.")
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
      description = "The fork was accepted (or was accepted before, for a repeated key)",
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
      description = "No such run in the tenant, or no such version or alias of its agent")
  @APIResponse(
      responseCode = "409",
      ref = "Conflict",
      description =
          "The source has not ended (fork-source-not-finished) or is purged"
              + " (fork-source-purged)")
  @APIResponse(
      responseCode = "422",
      ref = "UnprocessableContent",
      description =
          "fromStep is not a step the source recorded (fork-step-out-of-range), the patched input"
              + " is not an object (fork-input-invalid), a pipeline (fork-unsupported), or the"
              + " Idempotency-Key was used before with another body")
  @APIResponse(
      responseCode = "429",
      ref = "TooManyRequests",
      description = "The tenant is over its admission rate, or spent a budget for the period")
  public Response fork(
      @PathParam("runId") UUID runId,
      @Context HttpHeaders headers,
      @Valid @NotNull ForkRunRequest body) {
    String idempotencyKey = IdempotencyKeys.check(headers.getRequestHeader(IdempotencyKeys.HEADER));
    AdmittedRun admitted =
        forks.fork(tenant.require(), runId, idempotencyKey, body, actor.subject());
    return admitted.accepted();
  }
}
