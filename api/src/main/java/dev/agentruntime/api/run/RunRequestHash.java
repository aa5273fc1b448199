package dev.agentruntime.api.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentruntime.core.json.SortedKeysJson;

/**
 * The fingerprint of a run request: {@link SortedKeysJson#sha256Hex} of its fields, so a retried
 * request matches its original whatever its key order or formatting.
 */
final class RunRequestHash {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private RunRequestHash() {}

  static String of(CreateRunRequest request) {
    ObjectNode fields = MAPPER.createObjectNode();
    fields.put("agentId", request.agentId() == null ? null : request.agentId().toString());
    fields.put("agentName", request.agentName());
    fields.put("version", request.version());
    fields.set("input", request.input());
    // Only when set, so that a key used before aliases existed matches its request still.
    if (request.alias() != null) {
      fields.put("alias", request.alias());
    }
    if (request.routingKey() != null) {
      fields.put("routingKey", request.routingKey());
    }
    return SortedKeysJson.sha256Hex(fields);
  }
}
