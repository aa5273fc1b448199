package dev.agentruntime.core.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.agentruntime.core.json.SortedKeysJson;
import dev.agentruntime.core.json.StrictJson;

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

  /**
   * Lower-case hex SHA-256 of the spec's JSON with sorted keys, no whitespace and no nulls ({@link
   * SortedKeysJson}), so the same spec always hashes the same.
   */
  public static String contentHash(AgentSpec spec) {
    try {
      return SortedKeysJson.sha256Hex(MAPPER.readTree(write(spec)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
