package dev.agentruntime.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentruntime.api.ApiTestServices;
import dev.agentruntime.core.approval.ApprovalStatus;
import dev.agentruntime.core.run.RunEventTypes;
import dev.agentruntime.core.run.RunStatus;
import dev.agentruntime.core.secret.SecretEnvelope;
import dev.agentruntime.core.secret.SecretRef;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bodies are described by real schemas that say what the API enforces and answers. */
@QuarkusTest
@WithTestResource(value = ApiTestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class OpenApiSchemasTest {

  /** Names and members of Jackson's tree model that leak when a JsonNode field is scanned. */
  private static final Set<String> JACKSON_NAMES =
      Set.of("JsonNode", "ObjectNode", "ArrayNode", "JsonNodeType", "TextNode", "NullNode");

  private static final Set<String> JACKSON_MEMBERS =
      Set.of("nodeType", "bigDecimal", "bigInteger", "containerNode", "valueNode", "missingNode");

  private static final Set<String> REQUESTS =
      Set.of(
          "CreateTenantRequest",
          "CreateAgentRequest",
          "PublishVersionRequest",
          "CreateRunRequest",
          "PutSecretRequest",
          "PutAliasRequest",
          "ApplyRequest",
          "ReplayRunRequest");

  private ServedDocument document;

  @BeforeEach
  void fetch() throws Exception {
    document = ServedDocument.fetch();
  }

  @Test
  void noSchemaIsAJacksonInternalType() {
    Set<String> names = new TreeSet<>();
    document.root().path("components").path("schemas").fieldNames().forEachRemaining(names::add);
    assertThat(names).doesNotContainAnyElementsOf(JACKSON_NAMES);
    for (Map.Entry<String, JsonNode> schema : document.allSchemas()) {
      Set<String> properties = new TreeSet<>();
      schema.getValue().path("properties").fieldNames().forEachRemaining(properties::add);
      assertThat(properties).as(schema.getKey()).doesNotContainAnyElementsOf(JACKSON_MEMBERS);
    }
    assertThat(document.root().toString()).doesNotContain("JsonNode\"", "ObjectNode\"");
  }

  @Test
  void freeFormJsonFieldsAreObjects() {
    assertThat(ref(document.schema("RunResponse"), "input")).isEqualTo("JsonObject");
    assertThat(ref(document.schema("CreateRunRequest"), "input")).isEqualTo("JsonObject");
    assertThat(ref(document.schema("RunEventResponse"), "payload")).isEqualTo("JsonObject");
    assertThat(ref(document.schema("AgentVersionResponse"), "spec")).isEqualTo("AgentSpec");
    assertThat(ref(document.schema("PublishVersionRequest"), "spec")).isEqualTo("AgentSpec");
    assertThat(document.schema("JsonObject").path("type").asText()).isEqualTo("object");
    assertThat(document.schema("AgentSpec").path("type").asText()).isEqualTo("object");
  }

  @Test
  void exactlyTheNullableResponseFieldsAreMarked() {
    assertThat(nullable("TenantResponse"))
        .containsExactlyInAnyOrder("suspendedAt", "suspendedBy", "suspensionReason");
    assertThat(nullable("AgentResponse")).containsExactly("description");
    assertThat(nullable("AgentVersionResponse")).isEmpty();
    assertThat(nullable("RunResponse"))
        .containsExactlyInAnyOrder(
            "statusReason",
            "startedAt",
            "finishedAt",
            "output",
            "parentRunId",
            "rootRunId",
            "scheduleId",
            "scheduledAt",
            "controlRequested",
            "alias",
            "routingKey",
            "source");
    assertThat(nullable("RunSourceResponse")).containsExactly("forkStep");
    assertThat(nullable("RunLineageResponse")).isEmpty();
    assertThat(nullable("LineageRun")).containsExactlyInAnyOrder("alias", "source");
    assertThat(nullable("RunComparisonResponse")).isEmpty();
    assertThat(nullable("ComparedRun"))
        .containsExactlyInAnyOrder(
            "alias",
            "source",
            "statusReason",
            "output",
            "startedAt",
            "finishedAt",
            "durationMillis");
    assertThat(nullable("RunDifferences"))
        .containsExactlyInAnyOrder("outputEqual", "outputComparedBy", "durationMillis", "cost");
    assertThat(nullable("StepComparison")).containsExactlyInAnyOrder("a", "b");
    assertThat(nullable("StepSummary"))
        .containsExactlyInAnyOrder("tokens", "inputTokens", "outputTokens", "finishReason");
    assertThat(nullable("StepToolCall")).isEmpty();
    assertThat(nullable("RunTranscriptResponse")).containsExactly("step");
    assertThat(nullable("TranscriptMessage"))
        .containsExactlyInAnyOrder("text", "toolCallId", "toolName");
    assertThat(nullable("TranscriptToolCall")).isEmpty();

    assertThat(nullable("AliasResponse")).containsExactly("canary");
    assertThat(nullable("AliasChangeResponse")).containsExactlyInAnyOrder("version", "canary");
    assertThat(nullable("FileChange")).containsExactly("agentId");
    assertThat(nullable("AliasMove")).containsExactly("from");
    assertThat(nullable("AliasTarget")).containsExactly("canary");
    assertThat(nullable("RunOutput")).containsExactly("text");
    assertThat(nullable("ControlRequest")).containsExactly("reason");
    assertThat(nullable("RunEventResponse")).isEmpty();
    assertThat(nullable("ArtifactResponse")).isEmpty();
    assertThat(nullable("SecretResponse")).isEmpty();
    assertThat(nullable("RunTreeNode"))
        .containsExactlyInAnyOrder("parentRunId", "statusReason", "startedAt", "finishedAt");
    assertThat(nullable("RunTreeResponse")).isEmpty();
    assertThat(nullable("RunTreeTotals")).isEmpty();
    assertThat(nullable("BudgetResponse")).containsExactly("limit");
    assertThat(nullable("RunHoldResponse")).isEmpty();
    assertThat(nullable("TenantDeletionResponse")).containsExactly("finishedAt");
    assertThat(nullable("TenantPolicyResponse"))
        .containsExactlyInAnyOrder("maxConcurrentRunsPerAgent", "updatedAt", "updatedBy");
  }

  @Test
  void everyResponseFieldIsAlwaysPresent() {
    for (String name :
        List.of(
            "TenantResponse",
            "AgentResponse",
            "AgentVersionResponse",
            "RunResponse",
            "RunOutput",
            "ControlRequest",
            "RunEventResponse",
            "ArtifactResponse",
            "ApprovalResponse",
            "RunTreeResponse",
            "RunTreeNode",
            "RunTreeTotals",
            "RunSourceResponse",
            "RunLineageResponse",
            "LineageRun",
            "RunComparisonResponse",
            "ComparedRun",
            "RunDifferences",
            "StepComparison",
            "StepSummary",
            "StepToolCall",
            "RunTranscriptResponse",
            "TranscriptMessage",
            "TranscriptToolCall",
            "SecretResponse",
            "RunHoldResponse",
            "TenantDeletionResponse",
            "TenantPolicyResponse",
            "AliasResponse",
            "AliasChangeResponse",
            "ApplyResponse",
            "FileChange",
            "AliasMove",
            "AliasTarget")) {
      JsonNode schema = document.schema(name);
      Set<String> required = new TreeSet<>();
      schema.path("required").forEach(r -> required.add(r.asText()));
      Set<String> properties = new TreeSet<>();
      schema.path("properties").fieldNames().forEachRemaining(properties::add);
      if (name.equals("RunResponse")) {
        // The one exception: a run's approvals are shown when one run is read, not in lists.
        assertThat(properties).contains("approvals");
        assertThat(required).doesNotContain("approvals");
        properties.remove("approvals");
      }
      assertThat(required).as(name).isEqualTo(properties);
    }
  }

  @Test
  void optionalRequestFieldsTakeNullAndRequiredOnesDoNot() {
    assertThat(nullable("CreateTenantRequest")).isEmpty();
    assertThat(nullable("CreateAgentRequest")).containsExactly("description");
    assertThat(nullable("PublishVersionRequest")).isEmpty();
    assertThat(nullable("CreateRunRequest"))
        .containsExactlyInAnyOrder("agentId", "agentName", "version", "alias", "routingKey");
    assertThat(nullable("ReplayRunRequest"))
        .containsExactlyInAnyOrder("version", "alias", "routingKey");
    assertThat(nullable("PutSecretRequest")).isEmpty();
    assertThat(nullable("PutAliasRequest")).containsExactly("canary");
    assertThat(nullable("AliasCanary")).isEmpty();
    assertThat(nullable("ApplyRequest")).containsExactly("dryRun");
  }

  @Test
  void requestBodiesAreClosedAndCarryTheValidatedConstraints() {
    for (String name : REQUESTS) {
      assertThat(document.schema(name).path("additionalProperties").asBoolean(true))
          .as(name)
          .isFalse();
    }
    JsonNode tenant = document.schema("CreateTenantRequest");
    assertThat(tenant.path("required").toString()).contains("id", "displayName");
    assertThat(prop(tenant, "id").path("pattern").asText()).isEqualTo("^[a-z][a-z0-9-]{1,62}$");
    assertThat(prop(tenant, "displayName").path("maxLength").asInt()).isEqualTo(200);
    JsonNode agent = document.schema("CreateAgentRequest");
    assertThat(prop(agent, "name").path("pattern").asText()).isEqualTo("^[a-z][a-z0-9-]{0,62}$");
    assertThat(prop(agent, "description").path("maxLength").asInt()).isEqualTo(2000);
    JsonNode run = document.schema("CreateRunRequest");
    assertThat(run.path("required").toString()).contains("input");
    assertThat(prop(run, "agentName").path("maxLength").asInt()).isEqualTo(63);
    assertThat(prop(run, "version").path("exclusiveMinimum").asInt()).isZero();
    assertThat(document.schema("PublishVersionRequest").path("required").toString())
        .contains("spec");
    // SecretValues' rules, which the service checks (a 422 naming `value`, never quoting it).
    JsonNode secret = document.schema("PutSecretRequest");
    assertThat(secret.path("required").toString()).contains("value");
    assertThat(prop(secret, "value").path("minLength").asInt()).isEqualTo(1);
    assertThat(prop(secret, "value").path("maxLength").asInt())
        .isEqualTo(SecretEnvelope.MAX_VALUE_BYTES);
    assertThat(prop(secret, "value").path("pattern").asText())
        .isEqualTo("^[\\x21-\\x7E]([\\x20-\\x7E]*[\\x21-\\x7E])?$");
  }

  @Test
  void aRunNamesItsAgentByExactlyOneOfIdAndName() {
    JsonNode oneOf = document.schema("CreateRunRequest").path("oneOf");
    List<String> alternatives = new ArrayList<>();
    oneOf.forEach(
        alternative -> {
          assertThat(alternative.path("required").size()).isEqualTo(1);
          String field = alternative.path("required").get(0).asText();
          assertThat(alternative.path("properties").path(field).path("type").asText())
              .as("%s must be present and not null", field)
              .isEqualTo("string");
          alternatives.add(field);
        });
    assertThat(alternatives).containsExactlyInAnyOrder("agentId", "agentName");
  }

  @Test
  void aReplayNamesItsVersionAsARunDoes() {
    JsonNode replay = document.schema("ReplayRunRequest");
    assertThat(replay.path("not")).isNotEmpty();
    assertThat(replay.path("not")).isEqualTo(document.schema("CreateRunRequest").path("not"));
  }

  @Test
  void runStatusesAndEventTypesAreTheCoreValues() throws Exception {
    List<String> statuses =
        Arrays.stream(RunStatus.values()).map(RunStatus::wireName).sorted().toList();
    assertThat(enumValues(prop(document.schema("RunResponse"), "status")))
        .containsExactlyInAnyOrderElementsOf(statuses);
    assertThat(enumValues(prop(document.schema("RunTreeNode"), "status")))
        .containsExactlyInAnyOrderElementsOf(statuses);
    List<String> types = new ArrayList<>();
    for (var field : RunEventTypes.class.getFields()) {
      // Only the type constants: the class also holds sets of them (the terminal types).
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        types.add((String) field.get(null));
      }
    }
    assertThat(enumValues(prop(document.schema("RunEventResponse"), "type")))
        .containsExactlyInAnyOrderElementsOf(types);
  }

  @Test
  void parametersCarryTheirFormatsAndRanges() {
    Map<String, JsonNode> operations = document.apiOperations();
    JsonNode version =
        parameter(operations.get("GET /v1/agents/{agentId}/versions/{version}"), "version");
    assertThat(version.path("type").asText()).isEqualTo("integer");
    assertThat(version.path("format").asText()).isEqualTo("int32");
    assertThat(version.path("minimum").asInt()).isEqualTo(1);
    JsonNode agentId = parameter(operations.get("GET /v1/agents/{agentId}"), "agentId");
    assertThat(agentId.path("format").asText()).isEqualTo("uuid");
    assertThat(agentId.path("pattern").asText()).startsWith("^").endsWith("$");
    JsonNode limit = parameter(operations.get("GET /v1/runs"), "limit");
    assertThat(limit.path("minimum").asInt()).isEqualTo(1);
    assertThat(limit.path("maximum").asInt()).isEqualTo(100);
    assertThat(limit.path("default").asInt()).isEqualTo(20);
    JsonNode afterSeq = parameter(operations.get("GET /v1/runs/{runId}/events"), "afterSeq");
    assertThat(afterSeq.path("minimum").asInt()).isZero();
    assertThat(afterSeq.path("maximum").asLong()).isEqualTo(Integer.MAX_VALUE);
    for (String operation :
        List.of("PUT /v1/secrets/{name}", "GET /v1/secrets/{name}", "DELETE /v1/secrets/{name}")) {
      assertThat(parameter(operations.get(operation), "name").path("pattern").asText())
          .as(operation)
          .isEqualTo(SecretRef.NAME.pattern());
    }
    JsonNode tenantId = parameter(operations.get("GET /v1/tenants/{id}"), "id");
    assertThat(tenantId.path("pattern").asText()).isEqualTo("^[a-z][a-z0-9-]{1,62}$");
    JsonNode key = parameter(operations.get("POST /v1/runs"), "Idempotency-Key");
    assertThat(key.path("type").asText()).isEqualTo("string");
    assertThat(key.path("pattern").asText()).isEqualTo("^[\\x21-\\x7E]{1,200}$");
    assertThat(key.path("maxLength").asInt()).isEqualTo(200);
  }

  @Test
  void theRunListingDocumentsItsFiltersCursorAndPage() {
    JsonNode list = document.apiOperations().get("GET /v1/runs");
    JsonNode status = rawParameter(list, "status");
    assertThat(status.path("in").asText()).isEqualTo("query");
    assertThat(status.path("explode").asBoolean(true)).isTrue();
    JsonNode statusSchema = document.resolve(status.path("schema"));
    assertThat(statusSchema.path("type").asText()).isEqualTo("array");
    assertThat(enumValues(document.resolve(statusSchema.path("items"))))
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(RunStatus.values()).map(RunStatus::wireName).toList());
    JsonNode agentId = parameter(list, "agentId");
    assertThat(agentId.path("format").asText()).isEqualTo("uuid");
    assertThat(agentId.path("pattern").asText()).isEqualTo(SchemaRulesFilter.UUID);
    for (String bound : List.of("createdAfter", "createdBefore")) {
      assertThat(parameter(list, bound).path("format").asText()).as(bound).isEqualTo("date-time");
    }
    JsonNode cursor = parameter(list, "cursor");
    assertThat(cursor.path("pattern").asText()).isEqualTo("^[A-Za-z0-9_-]{1,256}$");
    assertThat(cursor.path("maxLength").asInt()).isEqualTo(256);

    JsonNode page = document.schema("RunPageResponse");
    assertThat(fieldNames(page.path("required"))).containsExactlyInAnyOrder("items", "nextCursor");
    assertThat(page.path("properties").path("items").path("items").path("$ref").asText())
        .isEqualTo("#/components/schemas/RunResponse");
    assertThat(nullable("RunPageResponse")).containsExactly("nextCursor");
  }

  @Test
  void theApprovalListingDocumentsItsFiltersCursorAndPage() {
    JsonNode list = document.apiOperations().get("GET /v1/approvals");
    assertThat(list.path("operationId").asText()).isEqualTo("listTenantApprovals");
    assertThat(list.path("tags").get(0).asText()).isEqualTo("Approvals");
    JsonNode status = parameter(list, "status");
    assertThat(status.path("type").asText()).isEqualTo("string");
    assertThat(enumValues(status)).containsExactlyElementsOf(ApprovalStatus.ALL);
    JsonNode agentId = parameter(list, "agentId");
    assertThat(agentId.path("format").asText()).isEqualTo("uuid");
    assertThat(agentId.path("pattern").asText()).isEqualTo(SchemaRulesFilter.UUID);
    JsonNode cursor = parameter(list, "cursor");
    assertThat(cursor.path("pattern").asText()).isEqualTo("^[A-Za-z0-9_-]{1,256}$");
    assertThat(cursor.path("maxLength").asInt()).isEqualTo(256);
    JsonNode limit = parameter(list, "limit");
    assertThat(limit.path("minimum").asInt()).isEqualTo(1);
    assertThat(limit.path("maximum").asInt()).isEqualTo(200);
    assertThat(limit.path("default").asInt()).isEqualTo(50);

    JsonNode page = document.schema("ApprovalPageResponse");
    assertThat(fieldNames(page.path("required"))).containsExactlyInAnyOrder("items", "nextCursor");
    assertThat(page.path("properties").path("items").path("items").path("$ref").asText())
        .isEqualTo("#/components/schemas/ApprovalResponse");
    assertThat(nullable("ApprovalPageResponse")).containsExactly("nextCursor");
    assertThat(fieldNames(document.schema("ApprovalResponse").path("required")))
        .contains("runId", "agentId", "agentName");
  }

  private static List<String> fieldNames(JsonNode array) {
    List<String> names = new ArrayList<>();
    array.forEach(n -> names.add(n.asText()));
    return names;
  }

  private JsonNode rawParameter(JsonNode operation, String name) {
    for (JsonNode parameter : operation.path("parameters")) {
      if (parameter.path("name").asText().equals(name)) {
        return parameter;
      }
    }
    throw new AssertionError("no parameter " + name);
  }

  private JsonNode parameter(JsonNode operation, String name) {
    for (JsonNode parameter : operation.path("parameters")) {
      if (parameter.path("name").asText().equals(name)) {
        return document.resolve(parameter.path("schema"));
      }
    }
    throw new AssertionError("no parameter " + name);
  }

  /** The fields of a component that admit null, directly or through an anyOf branch. */
  private Set<String> nullable(String schemaName) {
    Set<String> out = new TreeSet<>();
    document
        .schema(schemaName)
        .path("properties")
        .fields()
        .forEachRemaining(
            p -> {
              if (admitsNull(p.getValue())) {
                out.add(p.getKey());
              }
            });
    return out;
  }

  private boolean admitsNull(JsonNode schema) {
    JsonNode type = schema.path("type");
    if (type.isTextual()) {
      return type.asText().equals("null");
    }
    for (JsonNode t : type) {
      if (t.asText().equals("null")) {
        return true;
      }
    }
    for (JsonNode branch : schema.path("anyOf")) {
      if (admitsNull(document.resolve(branch))) {
        return true;
      }
    }
    return false;
  }

  private static JsonNode prop(JsonNode schema, String name) {
    JsonNode property = schema.path("properties").path(name);
    if (property.isMissingNode()) {
      throw new AssertionError("no property " + name);
    }
    return property;
  }

  private static String ref(JsonNode schema, String property) {
    return prop(schema, property).path("$ref").asText().replace("#/components/schemas/", "");
  }

  private static List<String> enumValues(JsonNode schema) {
    List<String> values = new ArrayList<>();
    schema.path("enum").forEach(v -> values.add(v.asText()));
    return values;
  }
}
