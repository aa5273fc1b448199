package dev.agentruntime.api.agent;

import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An agent as the API shows it. */
public record AgentResponse(
    UUID id,
    String name,
    @Schema(nullable = true) String description,
    Instant createdAt,
    @Schema(description = "The subject of the token that created the agent") String createdBy) {

  static AgentResponse of(AgentEntity agent) {
    return new AgentResponse(
        agent.id, agent.name, agent.description, agent.createdAt, agent.createdBy);
  }
}
