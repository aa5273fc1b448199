package dev.agentruntime.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.agentruntime.api.ApiTestServices;
import dev.agentruntime.api.TestApi;
import dev.agentruntime.core.run.RunEventTypes;
import dev.agentruntime.core.run.event.RunEventJson;
import dev.agentruntime.core.run.event.RunEventPayload;
import dev.agentruntime.core.run.event.RunQueued;
import dev.agentruntime.core.run.event.ToolCallCompleted;
import dev.agentruntime.testkit.RunEventSamples;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every run event type has one payload record in core, one payload schema in the served OpenAPI
 * document, one alternative of {@code RunEventResponse} keyed by its type, and one row in
 * docs/api.md; and what the records write is what the schemas describe.
 */
@QuarkusTest
@WithTestResource(value = ApiTestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class OpenApiRunEventsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ServedDocument document;

  @BeforeEach
  void fetch() throws Exception {
    document = ServedDocument.fetch();
  }

  @Test
  void everyTypeHasOneRecordOnePayloadSchemaAndOneAlternative() {
    assertThat(RunEventJson.records().keySet())
        .containsExactlyInAnyOrderElementsOf(RunEventTypes.ALL);
    JsonNode event = document.schema(RunEventSchemasFilter.RUN_EVENT);
    List<String> alternatives = new ArrayList<>();
    event.path("oneOf").forEach(a -> alternatives.add(a.path("$ref").asText()));
    assertThat(alternatives)
        .containsExactlyInAnyOrderElementsOf(
            RunEventTypes.ALL.stream()
                .map(t -> SchemaRulesFilter.SCHEMA_REF + RunEventSchemasFilter.eventSchema(t))
                .toList());
    assertThat(event.at("/discriminator/propertyName").asText()).isEqualTo("type");
    for (String type : RunEventTypes.ALL) {
      assertThat(event.at("/discriminator/mapping").path(type).asText())
          .isEqualTo(SchemaRulesFilter.SCHEMA_REF + RunEventSchemasFilter.eventSchema(type));
      JsonNode alternative = document.schema(RunEventSchemasFilter.eventSchema(type));
      assertThat(alternative.at("/properties/type/const").asText()).isEqualTo(type);
      assertThat(alternative.at("/properties/payload/$ref").asText())
          .isEqualTo(SchemaRulesFilter.SCHEMA_REF + RunEventSchemasFilter.payloadSchema(type));
    }
  }

  @Test
  void everyPayloadSchemaHasTheFieldsOfItsRecord() {
    RunEventJson.records()
        .forEach(
            (type, record) -> {
              JsonNode schema = document.schema(RunEventSchemasFilter.payloadSchema(type));
              Set<String> properties = properties(schema);
              Set<String> components = components(record);
              if (record == ToolCallCompleted.class) {
                // The call's fields, and each kind's effect fields beside them.
                components.remove("effect");
                assertThat(properties).as(type).isEqualTo(components);
                Set<String> effects = new TreeSet<>();
                schema.path("oneOf").forEach(e -> effects.addAll(properties(document.resolve(e))));
                Set<String> recorded = new TreeSet<>();
                for (Class<?> effect : ToolCallCompleted.Effect.class.getPermittedSubclasses()) {
                  recorded.addAll(components(effect));
                }
                assertThat(effects).as(type).isEqualTo(recorded);
                assertThat(schema.path("unevaluatedProperties").asBoolean(true)).isFalse();
              } else {
                assertThat(properties).as(type).isEqualTo(components);
                assertThat(schema.path("additionalProperties").asBoolean(true))
                    .as("%s is closed", type)
                    .isFalse();
              }
            });
  }

  @Test
  void whatTheRecordsWriteIsValidUnderTheirTypesSchema() {
    List<RunEventPayload> samples = RunEventSamples.all();
    assertThat(samples.stream().map(RunEventPayload::type).collect(Collectors.toSet()))
        .as("a sample of every type")
        .containsExactlyInAnyOrderElementsOf(RunEventTypes.ALL);
    JsonSchema events = schema(RunEventSchemasFilter.RUN_EVENT);
    for (RunEventPayload sample : samples) {
      ObjectNode payload = RunEventJson.tree(sample);
      assertThat(schema(RunEventSchemasFilter.payloadSchema(sample.type())).validate(payload))
          .as("%s: %s", sample.type(), payload)
          .isEmpty();
      assertThat(events.validate(event(sample.type(), payload)))
          .as("%s as an event: %s", sample.type(), payload)
          .isEmpty();
    }
  }

  @Test
  void aPayloadUnderAnotherTypeOrWithAnExtraFieldIsInvalid() {
    JsonSchema events = schema(RunEventSchemasFilter.RUN_EVENT);
    ObjectNode queued = RunEventJson.tree(new RunQueued("notes", 1));
    assertThat(events.validate(event(RunEventTypes.RUN_STARTED, queued))).isNotEmpty();
    assertThat(events.validate(event(RunEventTypes.RUN_QUEUED, queued.deepCopy().put("x", 1))))
        .isNotEmpty();
    ObjectNode mixed =
        RunEventJson.tree(
            new ToolCallCompleted(
                1, 0, "save", "c", new ToolCallCompleted.ArtifactWritten("a", "text/plain", 1)));
    mixed.put("method", "GET");
    assertThat(events.validate(event(RunEventTypes.TOOL_CALL_COMPLETED, mixed))).isNotEmpty();
  }

  @Test
  void theEventsTheApiWritesAreServedValid() throws Exception {
    String tenant = TestApi.newTenant();
    String runId = TestApi.startRun(tenant, TestApi.agentWithVersion(tenant, "typed-events"));
    TestApi.as(TestApi.tenantToken(tenant))
        .body(Map.of("reason", "wrong input"))
        .post("/v1/runs/" + runId + "/cancel")
        .then()
        .statusCode(202);
    JsonNode served =
        JSON.readTree(
            TestApi.as(TestApi.tenantToken(tenant))
                .get("/v1/runs/" + runId + "/events")
                .then()
                .statusCode(200)
                .extract()
                .asString());
    JsonSchema events = schema(RunEventSchemasFilter.RUN_EVENT);
    List<String> types = new ArrayList<>();
    for (JsonNode event : served) {
      types.add(event.path("type").asText());
      assertThat(events.validate(event)).as("%s", event).isEmpty();
      RunEventPayload payload =
          RunEventJson.read(event.path("type").asText(), event.get("payload"));
      assertThat(RunEventJson.tree(payload)).isEqualTo(event.get("payload"));
    }
    assertThat(types).containsExactly(RunEventTypes.RUN_QUEUED, RunEventTypes.RUN_CANCEL_REQUESTED);
  }

  @Test
  void docsApiHasOneRowPerEventType() throws Exception {
    String api = Files.readString(docs().resolve("api.md"));
    String table = api.substring(api.indexOf("### Event payloads"));
    table = table.substring(0, table.indexOf("\n### ", 1));
    Matcher row = Pattern.compile("(?m)^\\| `([a-z._]+)` \\|").matcher(table);
    List<String> rows = new ArrayList<>();
    while (row.find()) {
      rows.add(row.group(1));
    }
    assertThat(rows).containsExactlyInAnyOrderElementsOf(RunEventTypes.ALL);
  }

  private JsonSchema schema(String name) {
    ObjectNode root = JSON.createObjectNode();
    root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    root.put("$ref", SchemaRulesFilter.SCHEMA_REF + name);
    root.putObject("components").set("schemas", document.root().at("/components/schemas"));
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(root);
  }

  private static ObjectNode event(String type, JsonNode payload) {
    ObjectNode event = JSON.createObjectNode().put("seq", 1).put("type", type);
    event.set("payload", payload);
    return event.put("createdAt", "2026-12-06T21:00:00Z");
  }

  private static Set<String> properties(JsonNode schema) {
    Set<String> names = new TreeSet<>();
    schema.path("properties").fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static Set<String> components(Class<?> record) {
    return Arrays.stream(record.getRecordComponents())
        .map(RecordComponent::getName)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** The repository's docs/, found from the module the test runs in. */
  private static Path docs() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("docs/api.md"))) {
        return dir.resolve("docs");
      }
    }
    throw new AssertionError("no docs/api.md above " + Path.of("").toAbsolutePath());
  }
}
