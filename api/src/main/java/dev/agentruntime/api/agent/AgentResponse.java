package dev.agentruntime.api.agent;

import java.time.Instant;
import java.util.UUID;

/** An agent as the API shows it. */
public record AgentResponse(UUID id, String name, String description, Instant createdAt) {

  static AgentResponse of(AgentEntity agent) {
    return new AgentResponse(agent.id, agent.name, agent.description, agent.createdAt);
  }
}
