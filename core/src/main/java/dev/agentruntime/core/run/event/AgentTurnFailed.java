package dev.agentruntime.core.run.event;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code agent.turn.failed}: one failed attempt of an HTTP agent's turn.
 *
 * @param status the agent's HTTP status, absent when it gave none (unreachable, timed out)
 */
public record AgentTurnFailed(
    int step, int attempt, String error, @JsonInclude(JsonInclude.Include.NON_NULL) Integer status)
    implements RunEventPayload {}
