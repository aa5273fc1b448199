package dev.agentruntime.core.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonSchemaCheckTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  @Test
  void aValueThatHoldsHasNoViolationsAndOneThatDoesNotIsNamedByPointerAndKeyword()
      throws Exception {
    JsonNode schema =
        json(
            "{\"type\":\"object\",\"required\":[\"title\"],"
                + "\"properties\":{\"title\":{\"type\":\"string\"},"
                + "\"tags\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}}}");

    assertThat(JsonSchemaCheck.violations(schema, json("{\"title\":\"t\",\"tags\":[\"a\"]}")))
        .isEmpty();
    List<String> refused = JsonSchemaCheck.violations(schema, json("{\"tags\":[\"a\", 2]}"));
    assertThat(refused).hasSize(2);
    assertThat(refused.get(0)).startsWith("/ (required)").contains("title");
    assertThat(refused.get(1)).startsWith("/tags/1 (type)");
    assertThat(JsonSchemaCheck.violations(schema, json("\"plain text\"")).get(0))
        .startsWith("/ (type)");
  }

  @Test
  void aLongListIsCutAndCounted() {
    List<String> many = java.util.stream.IntStream.range(0, 13).mapToObj(i -> "v" + i).toList();
    assertThat(JsonSchemaCheck.describe(many)).endsWith("v9; and 3 more");
    assertThat(JsonSchemaCheck.describe(List.of("a", "b"))).isEqualTo("a; b");
  }
}
