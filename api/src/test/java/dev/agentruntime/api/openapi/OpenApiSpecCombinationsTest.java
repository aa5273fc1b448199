package dev.agentruntime.api.openapi;

import static dev.agentruntime.api.openapi.OpenApiAgentSpecTest.absent;
import static dev.agentruntime.api.openapi.OpenApiAgentSpecTest.accepted;
import static dev.agentruntime.api.openapi.OpenApiAgentSpecTest.object;
import static dev.agentruntime.api.openapi.OpenApiAgentSpecTest.put;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import dev.agentruntime.api.ApiTestServices;
import dev.agentruntime.api.TestApi;
import dev.agentruntime.core.spec.ModelProvider;
import dev.agentruntime.core.spec.RuntimeKind;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The AgentSpec schema and core's validator agree on every model provider under every runtime: for
 * each combination, the specs the validator accepts validate against the served schema, and the
 * specs it refuses do not (every refusal here is one JSON Schema can state). A generated client
 * trusts the document, so what the API publishes must also be what its responses may carry.
 */
@QuarkusTest
@WithTestResource(value = ApiTestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class OpenApiSpecCombinationsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Object NULL = NullNode.getInstance();

  private static final Object[] NAMES = {absent(), "gpt-4o-mini", " "};

  /** What a model's base URL may be, and a few things it may not (the last three). */
  private static final Object[] BASE_URLS = {
    absent(),
    NULL,
    "http://127.0.0.1:8080/v1",
    "http://localhost:11434",
    "https://api.example.com/v1?api-version=2024-10-21",
    "http://[::1]:11434",
    "http://u:p@models.internal:8080/v1#x",
    "http://1models.example:2147483647/v1/%7Echat",
    "ftp://models.example",
    "http://1.2.3",
    "http://models_internal:8080"
  };

  private static final Object[] API_KEY_REFS = {
    absent(), NULL, "env:OPENAI_API_KEY", "secret:OPENAI_API_KEY", "sk-live-123"
  };

  /** An http runtime's endpoint: absolute, no user info, query or fragment. */
  private static final Object[] ENDPOINTS = {
    absent(),
    "http://127.0.0.1:8765",
    "https://agent.example:8443/v1/",
    "http://1a.example/turns%2F",
    "http://[::1]:8080",
    "http://agent.example?x=1",
    "http://u@agent.example",
    "http://agent.example#turns",
    "http://1.2.3",
    "ftp://agent.example"
  };

  private static final Object[] AGENT_TOKENS = {absent(), "env:AGENT_TOKEN", "agent-token"};

  private ServedDocument document;
  private JsonSchema agentSpec;

  @BeforeEach
  void fetch() throws Exception {
    document = ServedDocument.fetch();
    agentSpec = document.validator("AgentSpec");
  }

  @Test
  void theSchemaAndTheValidatorAgreeOnEveryProviderUnderEveryRuntime() throws Exception {
    List<String> disagreements = new ArrayList<>();
    for (String provider : OpenApiAgentSpecTest.jsonNames(ModelProvider.class)) {
      for (Object runtime : runtimes()) {
        int accepted = 0;
        int refused = 0;
        for (ObjectNode spec : specs(provider, runtime)) {
          boolean byValidator = accepted(spec);
          boolean bySchema = agentSpec.validate(spec).isEmpty();
          if (byValidator != bySchema) {
            disagreements.add(
                "validator %s, schema %s: %s"
                    .formatted(verdict(byValidator), verdict(bySchema), spec));
          }
          accepted += byValidator ? 1 : 0;
          refused += byValidator ? 0 : 1;
        }
        // Each combination has specs on both sides, or agreeing on it would prove little.
        assertThat(accepted).as("%s under runtime %s: accepted", provider, runtime).isPositive();
        assertThat(refused).as("%s under runtime %s: refused", provider, runtime).isPositive();
      }
    }
    assertThat(disagreements).isEmpty();
  }

  @Test
  void theSchemaAndTheValidatorAgreeOnToolsOfKindAgentByVersionOrAlias() {
    String[] tools = {
      "{\"name\": \"t\", \"kind\": \"agent\", \"agent\": \"x\", \"version\": 1}",
      "{\"name\": \"t\", \"kind\": \"agent\", \"agent\": \"x\", \"alias\": \"prod\"}",
      "{\"name\": \"t\", \"kind\": \"agent\", \"agent\": \"x\", \"version\": null,"
          + " \"alias\": \"latest-2\"}",
      "{\"name\": \"t\", \"kind\": \"agent\", \"agent\": \"x\", \"version\": 2, \"alias\": null}",
      "{\"name\": \"t\", \"kind\": \"agent\", \"agent\": \"x\"}",
      "{\"name\": \"t\", \"kind\": \"agent\", \"agent\": \"x\", \"alias\": null}",
      "{\"name\": \"t\", \"kind\": \"agent\", \"agent\": \"x\", \"version\": 1,"
          + " \"alias\": \"prod\"}",
      "{\"name\": \"t\", \"kind\": \"agent\", \"agent\": \"x\", \"alias\": \"latest\"}",
      "{\"name\": \"t\", \"kind\": \"agent\", \"agent\": \"x\", \"alias\": \"-prod\"}",
      "{\"name\": \"t\", \"kind\": \"agent\", \"alias\": \"prod\"}",
      "{\"name\": \"t\", \"kind\": \"write_artifact\", \"alias\": \"prod\"}",
      "{\"name\": \"t\", \"kind\": \"write_artifact\", \"alias\": null}"
    };
    List<String> disagreements = new ArrayList<>();
    int accepted = 0;
    for (String tool : tools) {
      ObjectNode spec = object();
      spec.putObject("model").put("provider", "demo");
      spec.put("instructions", "Delegate.");
      spec.putArray("tools").add(read(tool));
      boolean byValidator = accepted(spec);
      if (byValidator != agentSpec.validate(spec).isEmpty()) {
        disagreements.add("validator %s: %s".formatted(verdict(byValidator), tool));
      }
      accepted += byValidator ? 1 : 0;
    }
    assertThat(disagreements).isEmpty();
    assertThat(accepted).isEqualTo(5);
  }

  @Test
  void anOpenAiVersionWithABaseUrlAndNoKeyIsServedAsTheDocumentSays() {
    String tenant = TestApi.newTenant();
    String agentId = TestApi.newAgent(tenant, "local-model");
    Map<String, Object> spec =
        Map.of(
            "model",
            Map.of("provider", "openai", "name", "fake-gpt", "baseUrl", "http://127.0.0.1:8080/v1"),
            "instructions",
            "Be helpful.");
    TestApi.as(TestApi.tenantToken(tenant))
        .body(Map.of("spec", spec))
        .post("/v1/agents/" + agentId + "/versions")
        .then()
        .statusCode(201);

    String served =
        given()
            .auth()
            .oauth2(TestApi.tenantToken(tenant))
            .get("/v1/agents/" + agentId + "/versions/1")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    JsonNode version = read(served);
    assertThat(document.validator("AgentVersionResponse").validate(version)).isEmpty();
    assertThat(agentSpec.validate(version.get("spec"))).isEmpty();
  }

  /** No runtime, a null one, and one of each kind: built-in, http, pipeline. */
  private static List<Object> runtimes() throws Exception {
    List<Object> runtimes = new ArrayList<>(List.of(absent(), NULL));
    for (String kind : OpenApiAgentSpecTest.jsonNames(RuntimeKind.class)) {
      runtimes.add(object().put("type", kind));
    }
    return runtimes;
  }

  /**
   * Every model of {@code provider} by name, base URL and key, under {@code runtime}; with an http
   * runtime, also no model, under every endpoint and agent token; with a pipeline runtime, also
   * pipelines right and wrong; with any other, also a pipeline where none belongs.
   */
  private static List<ObjectNode> specs(String provider, Object runtime) {
    List<ObjectNode> specs = new ArrayList<>();
    for (Object name : NAMES) {
      for (Object baseUrl : BASE_URLS) {
        for (Object apiKeyRef : API_KEY_REFS) {
          ObjectNode model = object().put("provider", provider);
          put(model, "name", name);
          put(model, "baseUrl", baseUrl);
          put(model, "apiKeyRef", apiKeyRef);
          specs.add(spec(runtime, model, absent(), absent()));
        }
      }
    }
    if (runtime instanceof ObjectNode type && "http".equals(type.path("type").asText())) {
      for (Object endpoint : ENDPOINTS) {
        for (Object token : AGENT_TOKENS) {
          specs.add(spec(runtime, absent(), endpoint, token));
        }
      }
    }
    if (runtime instanceof ObjectNode type && "pipeline".equals(type.path("type").asText())) {
      specs.addAll(pipelineSpecs(type));
    } else {
      // A pipeline belongs to runtime pipeline only.
      ObjectNode withPipeline = specs.get(specs.size() - 1).deepCopy();
      withPipeline.set("pipeline", pipeline(STEP));
      specs.add(withPipeline);
    }
    return specs;
  }

  private static final String STEP = "{\"name\": \"a\", \"agent\": \"writer\", \"version\": 1}";

  /** A pipeline runtime's specs: no model or instructions, and steps right and wrong. */
  private static List<ObjectNode> pipelineSpecs(ObjectNode runtime) {
    List<ObjectNode> specs = new ArrayList<>();
    String[] steps = {
      STEP,
      STEP
          + ", {\"parallel\": [{\"name\": \"b\", \"agent\": \"x\", \"version\": 2,"
          + " \"input\": {\"t\": {\"$ref\": \"/steps/a/output\"}},"
          + " \"onFailure\": {\"action\": \"retry\", \"maxAttempts\": 10}},"
          + " {\"name\": \"c\", \"agent\": \"x\", \"version\": 1, \"input\": null,"
          + " \"onFailure\": {\"action\": \"continue\"}}]}",
      "{\"name\": \"a\", \"agent\": \"writer\"}",
      "{\"name\": \"a\", \"agent\": \"Writer\", \"version\": 1}",
      "{\"name\": \"a\", \"agent\": \"writer\", \"version\": 0}",
      "{\"name\": \"a\", \"agent\": \"writer\", \"version\": 1, \"input\": [1]}",
      "{\"name\": \"a\", \"agent\": \"writer\", \"version\": 1,"
          + " \"onFailure\": {\"action\": \"continue\", \"maxAttempts\": 2}}",
      "{\"name\": \"a\", \"agent\": \"writer\", \"version\": 1,"
          + " \"onFailure\": {\"action\": \"retry\", \"maxAttempts\": 11}}",
      "{\"parallel\": [" + STEP + "]}",
      "{\"input\": null, \"parallel\": ["
          + STEP
          + ", {\"name\": \"b\", \"agent\": \"x\","
          + " \"version\": 1}]}",
      "{\"name\": \"g\", \"parallel\": ["
          + STEP
          + ", {\"name\": \"b\", \"agent\": \"x\","
          + " \"version\": 1}]}",
      // Exactly one of version and alias; an alias named as aliases are, never on a group.
      "{\"name\": \"a\", \"agent\": \"writer\", \"alias\": \"prod\"}",
      "{\"name\": \"a\", \"agent\": \"writer\", \"version\": null, \"alias\": \"prod\"}",
      "{\"name\": \"a\", \"agent\": \"writer\", \"version\": 1, \"alias\": null}",
      "{\"name\": \"a\", \"agent\": \"writer\", \"version\": 1, \"alias\": \"prod\"}",
      "{\"name\": \"a\", \"agent\": \"writer\", \"alias\": \"latest\"}",
      "{\"name\": \"a\", \"agent\": \"writer\", \"alias\": \"Prod\"}",
      "{\"name\": \"a\", \"agent\": \"writer\", \"alias\": null}",
      "{\"alias\": \"prod\", \"parallel\": ["
          + STEP
          + ", {\"name\": \"b\", \"agent\": \"x\", \"alias\": \"p\"}]}"
    };
    for (String step : steps) {
      ObjectNode spec = object();
      spec.set("runtime", runtime.deepCopy());
      spec.set("pipeline", pipeline(step));
      specs.add(spec);
    }
    ObjectNode valid = specs.get(0);
    specs.add(valid.deepCopy().put("instructions", "Be helpful."));
    specs.add(valid.deepCopy().putNull("instructions"));
    ObjectNode withModel = valid.deepCopy();
    withModel.putObject("model").put("provider", "demo");
    specs.add(withModel);
    ObjectNode withTool = valid.deepCopy();
    withTool.putArray("tools").addObject().put("name", "t").put("kind", "write_artifact");
    specs.add(withTool);
    ObjectNode withEndpoint = valid.deepCopy();
    ((ObjectNode) withEndpoint.get("runtime")).put("endpoint", "http://agent.example");
    specs.add(withEndpoint);
    ObjectNode withoutPipeline = valid.deepCopy();
    withoutPipeline.remove("pipeline");
    specs.add(withoutPipeline);
    ObjectNode nullOutput = valid.deepCopy();
    ((ObjectNode) nullOutput.get("pipeline")).putNull("output");
    specs.add(nullOutput);
    return specs;
  }

  private static JsonNode pipeline(String steps) {
    return read("{\"steps\": [" + steps + "], \"output\": {\"$ref\": \"/steps/a/output\"}}");
  }

  private static ObjectNode spec(Object runtime, Object model, Object endpoint, Object token) {
    ObjectNode spec = object();
    if (runtime instanceof ObjectNode type) {
      ObjectNode copy = type.deepCopy();
      put(copy, "endpoint", endpoint);
      put(copy, "apiKeyRef", token);
      spec.set("runtime", copy);
    } else {
      put(spec, "runtime", runtime);
    }
    put(spec, "model", model);
    spec.put("instructions", "Be helpful.");
    return spec;
  }

  private static String verdict(boolean accepts) {
    return accepts ? "accepts" : "refuses";
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + json, e);
    }
  }
}
