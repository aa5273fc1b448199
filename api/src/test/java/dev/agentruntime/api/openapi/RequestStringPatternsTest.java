package dev.agentruntime.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentruntime.api.ApiTestServices;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The reader refuses U+0000 in every string of a body (PostgreSQL text cannot hold it), so no
 * pattern of a request schema may accept one: a client trusting the schema would be refused.
 */
@QuarkusTest
@WithTestResource(value = ApiTestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RequestStringPatternsTest {

  /** Strings holding U+0000 shaped like what the patterns allow: names, pointers, words. */
  private static final List<String> WITH_NUL =
      List.of("\u0000", "/\u0000", "a\u0000", "A\u0000b", "/a/\u0000/b", "~0\u0000");

  @Test
  void noRequestPatternAcceptsUPlus0000() throws Exception {
    ServedDocument document = ServedDocument.fetch();
    Set<String> requests = requestSchemas(document);
    assertThat(requests).contains("CreateTriggerRequest", "CreateRunRequest");
    int checked = 0;
    for (Map.Entry<String, JsonNode> schema : document.allSchemas()) {
      String name = schema.getKey().split("/")[3];
      if (!requests.contains(name) || !schema.getValue().has("pattern")) {
        continue;
      }
      Pattern pattern = Pattern.compile(schema.getValue().get("pattern").asText());
      for (String value : WITH_NUL) {
        assertThat(pattern.matcher(value).find())
            .as("%s accepts %s", schema.getKey(), value.replace("\u0000", "\\u0000"))
            .isFalse();
      }
      checked++;
    }
    assertThat(checked).as("patterns checked").isGreaterThan(10);
  }

  private static Set<String> requestSchemas(ServedDocument document) {
    Set<String> names = new TreeSet<>();
    for (JsonNode operation : document.apiOperations().values()) {
      String ref =
          operation
              .path("requestBody")
              .path("content")
              .path("application/json")
              .path("schema")
              .path("$ref")
              .asText("");
      if (ref.startsWith(SchemaRulesFilter.SCHEMA_REF)) {
        names.add(ref.substring(SchemaRulesFilter.SCHEMA_REF.length()));
      }
    }
    return names;
  }
}
