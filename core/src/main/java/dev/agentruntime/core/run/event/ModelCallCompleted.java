package dev.agentruntime.core.run.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * {@code model.call.completed}: the model answered step {@code step}. Recording it also records the
 * call's usage (a {@code model_usage} row, V16) in the same commit.
 *
 * <p>{@code provider}, {@code model}, {@code inputTokens} and {@code outputTokens} were added
 * later: events recorded before have none of them (they are absent, never null, so an old event
 * reads and writes back unchanged). When present, {@code inputTokens + outputTokens == tokens}.
 *
 * @param tokens the call's total: the provider's count, else about four characters per token
 * @param finishReason the provider's reason, written as {@code null} when it gave none
 * @param toolCalls the names of the tools the answer asks for, in order
 * @param provider the spec's model provider ({@code openai}, {@code ollama}, ...)
 * @param model the model the spec asked for; absent when it leaves it to the provider
 * @param inputTokens the prompt's tokens (the provider's count, else an estimate)
 * @param outputTokens the answer's tokens, {@code tokens - inputTokens}
 */
public record ModelCallCompleted(
    int step,
    int attempt,
    long tokens,
    String idempotencyKey,
    String finishReason,
    List<String> toolCalls,
    @JsonInclude(JsonInclude.Include.NON_NULL) String provider,
    @JsonInclude(JsonInclude.Include.NON_NULL) String model,
    @JsonInclude(JsonInclude.Include.NON_NULL) Long inputTokens,
    @JsonInclude(JsonInclude.Include.NON_NULL) Long outputTokens)
    implements RunEventPayload {

  public ModelCallCompleted {
    toolCalls = List.copyOf(toolCalls);
  }

  /** An event as recorded before usage was split: the total only. */
  public ModelCallCompleted(
      int step,
      int attempt,
      long tokens,
      String idempotencyKey,
      String finishReason,
      List<String> toolCalls) {
    this(step, attempt, tokens, idempotencyKey, finishReason, toolCalls, null, null, null, null);
  }
}
