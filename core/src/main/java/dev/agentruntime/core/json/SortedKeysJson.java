package dev.agentruntime.core.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.TreeSet;

/**
 * The fingerprint form of stored hashes: an agent version's {@code content_hash} and a run's {@code
 * request_hash} are the SHA-256 of a JSON value written by Jackson with every object's keys sorted
 * and no whitespace, so key order and formatting do not change them.
 *
 * <p>This is not {@link CanonicalJson} (RFC 8785), which approvals and MCP pins use: the two differ
 * in number notation ({@code 1.0} here, {@code 1} there) and control-character escapes. These
 * hashes are stored, compared with new ones and answered by the API, so their form stays as it is
 * until a migration recomputes them; defining it once here keeps the API and core from drifting.
 */
public final class SortedKeysJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private SortedKeysJson() {}

  /** Lower-case hex SHA-256 of {@link #write}; a null value hashes as JSON {@code null}. */
  public static String sha256Hex(JsonNode value) {
    return CanonicalJson.sha256Hex(write(value));
  }

  /** {@code value} as Jackson writes it with every object's keys sorted by {@link String} order. */
  public static String write(JsonNode value) {
    try {
      return MAPPER.writeValueAsString(sorted(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree must always serialize", e);
    }
  }

  private static JsonNode sorted(JsonNode node) {
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
