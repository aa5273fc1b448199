package dev.agentruntime.core.activity;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Turns of an agent that runs behind an HTTP endpoint (docs/agent-protocol.md). */
@ActivityInterface
public interface AgentTurnActivities {

  /**
   * Sends one turn to the agent: the run's input, its previous state and the results of the tool
   * calls it asked for; stores its answer (tool calls or the final output) in the transcript and
   * its new state in the object store. Every attempt of a turn carries the same idempotency key; a
   * turn whose answer was recorded is never sent again. A failed attempt is recorded as an {@code
   * agent.turn.failed} event before Temporal retries it.
   */
  @ActivityMethod
  ModelStepResult takeTurn(ModelStepRequest request);
}
