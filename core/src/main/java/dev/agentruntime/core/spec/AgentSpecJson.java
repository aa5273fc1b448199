package dev.agentruntime.core.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.agentruntime.core.json.StrictJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Reads and writes agent specs as JSON, and gives each spec a content hash that does not depend on
 * key order or whitespace, so the same spec always hashes the same.
 */
public final class AgentSpecJson {

  /**
   * Strict about names and types ({@link StrictJson}): an unknown field is an error, so a typo in a
   * spec is reported, never ignored, and a value of the wrong JSON type is never coerced. A missing
   * optional field takes its documented default.
   */
  private static final ObjectMapper MAPPER =
      StrictJson.builder()
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .enable(com.fasterxml.jackson.databind.MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .build();

  private AgentSpecJson() {}

  public static AgentSpec read(String json) throws JsonProcessingException {
    return MAPPER.readValue(json, AgentSpec.class);
  }

  public static AgentSpec fromTree(JsonNode node) throws JsonProcessingException {
    return MAPPER.treeToValue(node, AgentSpec.class);
  }

  public static String write(AgentSpec spec) {
    try {
      return MAPPER.writeValueAsString(spec);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an agent spec must always serialize", e);
    }
  }

  /** Lower-case hex SHA-256 of the canonical JSON form (sorted keys, no whitespace, no nulls). */
  public static String contentHash(AgentSpec spec) {
    try {
      JsonNode canonical = MAPPER.readTree(write(spec));
      byte[] bytes =
          MAPPER.writeValueAsString(sortKeys(canonical)).getBytes(StandardCharsets.UTF_8);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode sortKeys(JsonNode node) {
    if (node.isObject()) {
      var sorted = MAPPER.createObjectNode();
      var names = new java.util.TreeSet<String>();
      node.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        sorted.set(name, sortKeys(node.get(name)));
      }
      return sorted;
    }
    if (node.isArray()) {
      var array = MAPPER.createArrayNode();
      node.forEach(child -> array.add(sortKeys(child)));
      return array;
    }
    return node;
  }
}
