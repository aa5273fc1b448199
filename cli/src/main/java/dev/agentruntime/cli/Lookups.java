package dev.agentruntime.cli;

import dev.agentruntime.client.ApiException;
import dev.agentruntime.client.model.AgentResponse;
import java.util.UUID;

/** Names people type, turned into the ids the API's paths take. */
final class Lookups {

  private Lookups() {}

  /** {@code value} as a UUID, or null when it is not one. */
  static UUID uuidOrNull(String value) {
    try {
      return value.length() == 36 ? UUID.fromString(value) : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** {@code value} as a UUID; a usage error naming {@code what} otherwise. */
  static UUID uuid(String value, String what) {
    UUID id = uuidOrNull(value);
    if (id == null) {
      throw CliFailure.usage(what + " must be a UUID: " + value);
    }
    return id;
  }

  /** The agent named {@code nameOrId} (its name in the tenant, or its id). */
  static AgentResponse agent(Session session, String nameOrId) throws ApiException {
    UUID id = uuidOrNull(nameOrId);
    if (id != null) {
      return session.read(() -> session.client().agents().getAgent(id));
    }
    for (AgentResponse agent : session.read(() -> session.client().agents().listAgents())) {
      if (nameOrId.equals(agent.getName())) {
        return agent;
      }
    }
    throw new CliFailure(ExitCode.NOT_FOUND, "no agent named " + nameOrId + " in the tenant");
  }

  static UUID agentId(Session session, String nameOrId) throws ApiException {
    UUID id = uuidOrNull(nameOrId);
    return id != null ? id : agent(session, nameOrId).getId();
  }

  static String shortHash(String hash) {
    return hash == null ? null : hash.length() > 12 ? hash.substring(0, 12) : hash;
  }
}
