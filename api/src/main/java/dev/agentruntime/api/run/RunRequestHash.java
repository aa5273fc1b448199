package dev.agentruntime.api.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeSet;

/**
 * The fingerprint of a run request: SHA-256 of its canonical JSON (sorted keys, no whitespace), so
 * a retried request matches its original whatever its key order or formatting.
 */
final class RunRequestHash {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private RunRequestHash() {}

  static String of(CreateRunRequest request) {
    ObjectNode canonical = MAPPER.createObjectNode();
    canonical.put("agentId", request.agentId() == null ? null : request.agentId().toString());
    canonical.put("agentName", request.agentName());
    canonical.put("version", request.version());
    canonical.set("input", request.input());
    try {
      byte[] bytes = MAPPER.writeValueAsString(sorted(canonical)).getBytes(StandardCharsets.UTF_8);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonNode sorted(JsonNode node) {
    if (node == null) {
      return MAPPER.nullNode();
    }
    if (node.isObject()) {
      ObjectNode out = MAPPER.createObjectNode();
      TreeSet<String> names = new TreeSet<>();
      node.fieldNames().forEachRemaining(names::add);
      names.forEach(name -> out.set(name, sorted(node.get(name))));
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = MAPPER.createArrayNode();
      node.forEach(child -> out.add(sorted(child)));
      return out;
    }
    return node;
  }
}
