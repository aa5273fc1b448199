package dev.agentruntime.worker.agent;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What an agent says it is ({@code GET {endpoint}/manifest}).
 *
 * @param protocol the protocol it speaks; the kernel speaks {@link #PROTOCOL} only
 */
public record AgentManifest(String protocol, String name, String version) {

  public static final String PROTOCOL = "agent-runtime/v1";

  static AgentManifest parse(JsonNode body) {
    if (!body.isObject()) {
      throw AgentCallFailed.refused("the agent's manifest is not a JSON object", 200);
    }
    String protocol = body.path("protocol").isTextual() ? body.get("protocol").asText() : null;
    String name = body.path("name").isTextual() ? body.get("name").asText() : null;
    if (protocol == null || name == null || name.isBlank()) {
      throw AgentCallFailed.refused(
          "the agent's manifest lacks protocol or name (docs/agent-protocol.md)", 200);
    }
    if (!PROTOCOL.equals(protocol)) {
      throw AgentCallFailed.refused(
          "the agent speaks protocol '" + protocol + "', the kernel speaks " + PROTOCOL, 200);
    }
    String version = body.path("version").isTextual() ? body.get("version").asText() : null;
    return new AgentManifest(protocol, name, version);
  }
}
