package dev.agentruntime.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import dev.agentruntime.api.ApiTestServices;
import dev.agentruntime.api.TestApi;
import dev.agentruntime.core.spec.AgentSpec;
import dev.agentruntime.core.spec.AgentSpecJson;
import dev.agentruntime.core.spec.AgentSpecValidator;
import dev.agentruntime.core.spec.LimitsSpec;
import dev.agentruntime.core.spec.ModelProvider;
import dev.agentruntime.core.spec.ModelSpec;
import dev.agentruntime.core.spec.RetrySpec;
import dev.agentruntime.core.spec.RuntimeKind;
import dev.agentruntime.core.spec.RuntimeSpec;
import dev.agentruntime.core.spec.ToolKind;
import dev.agentruntime.core.spec.ToolSpec;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hand-written AgentSpec schema in {@code META-INF/openapi.yaml} says what core's spec reader
 * and {@link AgentSpecValidator} accept: same fields, enum values and defaults, and on thousands of
 * generated specs the schema and the validator agree. The generator leaves out the two rules JSON
 * Schema cannot state (unique tool names; the retry cap against an explicit initial interval),
 * which the schema describes in prose.
 */
@QuarkusTest
@WithTestResource(value = ApiTestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class OpenApiAgentSpecTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Object ABSENT = new Object();

  private ServedDocument document;
  private JsonSchema agentSpec;

  @BeforeEach
  void fetch() throws Exception {
    document = ServedDocument.fetch();
    agentSpec = document.validator("AgentSpec");
  }

  @Test
  void theSchemaHasTheFieldsOfTheCoreRecords() {
    Map<String, Class<?>> records =
        Map.of(
            "AgentSpec", AgentSpec.class,
            "RuntimeSpec", RuntimeSpec.class,
            "ModelSpec", ModelSpec.class,
            "ToolSpec", ToolSpec.class,
            "LimitsSpec", LimitsSpec.class,
            "RetrySpec", RetrySpec.class);
    records.forEach(
        (name, type) -> {
          Set<String> components = new TreeSet<>();
          Arrays.stream(type.getRecordComponents())
              .map(RecordComponent::getName)
              .forEach(components::add);
          Set<String> properties = new TreeSet<>();
          document.schema(name).path("properties").fieldNames().forEachRemaining(properties::add);
          assertThat(properties).as(name).isEqualTo(components);
          assertThat(document.schema(name).path("additionalProperties").asBoolean(true))
              .as("%s is closed: the spec reader refuses unknown fields", name)
              .isFalse();
        });
  }

  @Test
  void enumValuesAreTheJsonNamesOfTheCoreEnums() throws Exception {
    assertThat(enumValues("ModelSpec", "provider")).isEqualTo(jsonNames(ModelProvider.class));
    assertThat(enumValues("ToolSpec", "kind")).isEqualTo(jsonNames(ToolKind.class));
    assertThat(enumValues("RuntimeSpec", "type")).isEqualTo(jsonNames(RuntimeKind.class));
  }

  @Test
  void defaultsAndSizesAreTheCoreConstants() {
    assertThat(number("LimitsSpec", "maxSteps", "default")).isEqualTo(LimitsSpec.DEFAULT_MAX_STEPS);
    assertThat(number("LimitsSpec", "maxTokens", "default"))
        .isEqualTo(LimitsSpec.DEFAULT_MAX_TOKENS);
    assertThat(number("LimitsSpec", "timeoutSeconds", "default"))
        .isEqualTo(LimitsSpec.DEFAULT_TIMEOUT_SECONDS);
    assertThat(number("RetrySpec", "maxAttempts", "default"))
        .isEqualTo(RetrySpec.DEFAULT_MAX_ATTEMPTS);
    assertThat(number("RetrySpec", "initialIntervalMillis", "default"))
        .isEqualTo(RetrySpec.DEFAULT_INITIAL_INTERVAL_MILLIS);
    assertThat(document.schema("RetrySpec").at("/properties/backoffCoefficient/default").asDouble())
        .isEqualTo(RetrySpec.DEFAULT_BACKOFF_COEFFICIENT);
    assertThat(number("RetrySpec", "attemptTimeoutSeconds", "default"))
        .isEqualTo(RetrySpec.DEFAULT_ATTEMPT_TIMEOUT_SECONDS);
    assertThat(number("AgentSpec", "instructions", "maxLength"))
        .isEqualTo(AgentSpecValidator.MAX_INSTRUCTIONS_CHARS);
    assertThat(number("AgentSpec", "tools", "maxItems")).isEqualTo(AgentSpecValidator.MAX_TOOLS);
  }

  @Test
  void specsTheTestsAndTheDocsPublishAreValid() throws Exception {
    assertThat(agentSpec.validate(JSON.valueToTree(TestApi.spec("Be helpful.")))).isEmpty();
    JsonNode documented =
        JSON.readTree(
            """
            {"runtime": {"type": "builtin"},
             "model": {"provider": "openai", "name": "gpt-4o-mini", "apiKeyRef": "env:OPENAI_API_KEY",
                       "temperature": 0.2, "maxOutputTokens": 1024},
             "instructions": "You take notes.",
             "tools": [{"name": "write_artifact", "kind": "write_artifact",
                        "description": "Stores a text artifact of this run",
                        "requiresApproval": false, "egressAllowlist": []}],
             "limits": {"maxSteps": 8, "maxTokens": 50000, "timeoutSeconds": 600},
             "retry": {"maxAttempts": 5, "initialIntervalMillis": 1000, "backoffCoefficient": 2.0,
                       "maxIntervalMillis": 30000, "attemptTimeoutSeconds": 120},
             "inputSchema": {"type": "object"}, "outputSchema": {"type": "object"}}
            """);
    assertThat(agentSpec.validate(documented)).isEmpty();
    assertThat(accepted(documented)).isTrue();
  }

  @Test
  void theSchemaAcceptsExactlyTheSpecsTheValidatorAccepts() {
    Random random = new Random(20261130L);
    int valid = 0;
    for (int i = 0; i < 3000; i++) {
      ObjectNode spec = SpecGenerator.spec(random);
      boolean bySchema = agentSpec.validate(spec).isEmpty();
      assertThat(bySchema)
          .as(
              "schema %s, validator %s: %s",
              bySchema ? "accepts" : "refuses", accepted(spec) ? "accepts" : "refuses", spec)
          .isEqualTo(accepted(spec));
      valid += bySchema ? 1 : 0;
    }
    // Both outcomes must be well represented, or the comparison proves little.
    assertThat(valid).isBetween(300, 2700);
  }

  /**
   * {@code maxIntervalMillis >= initialIntervalMillis} compares two fields, which JSON Schema
   * cannot: the schema states each field's bounds and every pair within them, the API refuses a cap
   * below the initial interval (422). So whatever the API accepts, and later answers, fits the
   * schema: a schema stricter than the API would be broken by the API's own answers.
   */
  @Test
  void theRetryCapRuleIsTheApis() {
    for (long initial : new long[] {10, 11, 30, 99, 100, 101, 999, 1_000, 5_000, 3_600_000}) {
      for (long cap : new long[] {10, 50, 94, 100, 500, 1_000, 2_000, 5_000, 10_000, 3_600_000}) {
        ObjectNode spec = JSON.valueToTree(TestApi.spec("Be helpful."));
        spec.putObject("retry").put("initialIntervalMillis", initial).put("maxIntervalMillis", cap);
        assertThat(agentSpec.validate(spec)).as("schema, %s", spec.get("retry")).isEmpty();
        assertThat(accepted(spec)).as("API, %s", spec.get("retry")).isEqualTo(cap >= initial);
      }
    }
  }

  /** What the API does with a spec: core's strict reader, then the validator. */
  static boolean accepted(JsonNode spec) {
    try {
      return spec.isObject() && AgentSpecValidator.validate(AgentSpecJson.fromTree(spec)).isEmpty();
    } catch (Exception e) {
      return false;
    }
  }

  private long number(String schema, String property, String keyword) {
    return document.schema(schema).path("properties").path(property).path(keyword).asLong();
  }

  private Set<String> enumValues(String schema, String property) {
    Set<String> values = new TreeSet<>();
    document
        .schema(schema)
        .path("properties")
        .path(property)
        .path("enum")
        .forEach(v -> values.add(v.asText()));
    return values;
  }

  static Set<String> jsonNames(Class<? extends Enum<?>> type) throws Exception {
    Set<String> names = new TreeSet<>();
    for (Enum<?> constant : type.getEnumConstants()) {
      names.add(type.getField(constant.name()).getAnnotation(JsonProperty.class).value());
    }
    return names;
  }

  static Object absent() {
    return ABSENT;
  }

  static void put(ObjectNode node, String field, Object value) {
    if (value != ABSENT) {
      node.set(field, value instanceof JsonNode json ? json : JSON.valueToTree(value));
    }
  }

  static ArrayNode array() {
    return JSON.createArrayNode();
  }

  static ObjectNode object() {
    return JSON.createObjectNode();
  }
}
