package dev.agentruntime.api.run.transcript;

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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A run's conversation, for consoles and clients that show what the model saw and said. */
@Tag(name = "Runs")
@Path("/v1/runs/{runId}/transcript")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TranscriptResource {

  private final RunTranscripts transcripts;
  private final CurrentTenant tenant;

  public TranscriptResource(RunTranscripts transcripts, CurrentTenant tenant) {
    this.transcripts = transcripts;
    this.tenant = tenant;
  }

  @GET
  @RolesAllowed({Roles.VIEWER, Roles.RUNNER, Roles.AGENT_ADMIN})
  @Operation(
      operationId = "getRunTranscript",
      summary = "A run's conversation so far: its messages by role, and the tool calls running",
      description =
          "The transcript of the run's latest stored step (`step`), then the results of that"
              + " step's tool calls stored so far as `tool` messages; the calls still without a"
              + " result are `pendingToolCalls`. A queued run has none yet: `step` null, no"
              + " messages. A run whose data retention purged answers `purged: true` and no"
              + " messages, as its events answer an empty list. At most"
              + " agent-runtime.transcript.max-bytes (8 MiB by default) of stored JSON is read;"
              + " a larger conversation is refused with 409 `transcript-too-large`.")
  @APIResponse(
      responseCode = "200",
      description = "The conversation as far as it is stored",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = RunTranscriptResponse.class)))
  @APIResponse(
      responseCode = "409",
      ref = "Conflict",
      description = "The stored conversation is larger than the API reads (`transcript-too-large`)")
  @APIResponse(
      responseCode = "503",
      ref = "ServiceUnavailable",
      description =
          "The database is unreachable (`Retry-After`), or the object store did not answer"
              + " (`object-store-unavailable`)")
  public RunTranscriptResponse transcript(@PathParam("runId") UUID runId) {
    return transcripts.transcript(tenant.require(), runId);
  }
}
