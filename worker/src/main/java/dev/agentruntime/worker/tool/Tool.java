package dev.agentruntime.worker.tool;

import dev.agentruntime.core.run.event.ToolCallCompleted;
import dev.agentruntime.core.spec.ToolKind;

/**
 * One kind of tool the model may call. Implementations are stateless singletons that {@link
 * ToolRegistry} finds by kind; the tool activity around them does what every tool shares (finding
 * the call in the transcript, approvals, the completed event, the result the model reads, not
 * repeating a completed call).
 */
public interface Tool {

  ToolKind kind();

  /**
   * Carries out the call.
   *
   * @return the text the model reads and the fields of its {@code tool.call.completed} event
   * @throws ToolCallException when the call cannot be carried out for a reason the model should
   *     read (bad arguments, a refusal); the run goes on
   */
  ToolResult execute(ToolCall call);

  /**
   * The text the model read for a call that completed before, rebuilt from the effect its completed
   * event recorded (this tool's own, unless the spec changed kinds): for a retry whose stored
   * result was lost with its worker.
   */
  String recordedResult(ToolCallCompleted.Effect recorded);
}
