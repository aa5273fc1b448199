package dev.agentruntime.api.run.transcript;

import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A run's conversation as far as it is stored, and the tool calls still without a result. */
public record RunTranscriptResponse(
    UUID runId,
    @Schema(
            nullable = true,
            minimum = "0",
            description =
                "The step whose transcript this is: 0 the opening (instructions and input), N the"
                    + " conversation after the model's answer of step N. The latest step stored,"
                    + " at most the run's `steps`; null when nothing is stored (a queued run, a"
                    + " purged one)")
        Integer step,
    @Schema(
            description =
                "True once retention purged the run's data (or began to): the conversation is"
                    + " gone and `messages` is empty")
        boolean purged,
    @Schema(
            description =
                "The conversation in order, then the results of that step's tool calls stored so"
                    + " far (by call index)")
        List<TranscriptMessage> messages,
    @Schema(
            description =
                "The tool calls of the last assistant message without a stored result: running or"
                    + " waiting for approval while the run goes on; never run once it has ended")
        List<TranscriptToolCall> pendingToolCalls) {

  /** Nothing stored: a queued run, or one whose objects are not there. */
  static RunTranscriptResponse empty(UUID runId) {
    return new RunTranscriptResponse(runId, null, false, List.of(), List.of());
  }

  static RunTranscriptResponse purged(UUID runId) {
    return new RunTranscriptResponse(runId, null, true, List.of(), List.of());
  }
}
