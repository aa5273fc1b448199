package dev.agentruntime.core.run.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * {@code agent.turn.completed}: an HTTP agent answered turn {@code step} (docs/agent-protocol.md).
 *
 * @param output whether the answer is the run's final output
 * @param stateBytes the size of the state the agent asked the kernel to keep, 0 for none
 * @param agent the agent's manifest, on turn 1 only (absent otherwise)
 */
public record AgentTurnCompleted(
    int step,
    int attempt,
    String idempotencyKey,
    boolean output,
    long tokens,
    int stateBytes,
    List<String> toolCalls,
    @JsonInclude(JsonInclude.Include.NON_NULL) Agent agent)
    implements RunEventPayload {

  public AgentTurnCompleted {
    toolCalls = List.copyOf(toolCalls);
  }

  /** What the agent's manifest says it is; {@code version} is written as null when it has none. */
  public record Agent(String name, String version, String protocol) {}
}
