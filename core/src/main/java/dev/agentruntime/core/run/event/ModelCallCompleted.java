package dev.agentruntime.core.run.event;

import java.util.List;

/**
 * {@code model.call.completed}: the model answered step {@code step}.
 *
 * @param finishReason the provider's reason, written as {@code null} when it gave none
 * @param toolCalls the names of the tools the answer asks for, in order
 */
public record ModelCallCompleted(
    int step,
    int attempt,
    long tokens,
    String idempotencyKey,
    String finishReason,
    List<String> toolCalls)
    implements RunEventPayload {

  public ModelCallCompleted {
    toolCalls = List.copyOf(toolCalls);
  }
}
