package dev.agentruntime.api.agent;

import static dev.agentruntime.api.TestApi.as;
import static dev.agentruntime.api.TestApi.count;
import static dev.agentruntime.api.TestApi.tenantToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.agentruntime.api.ApiTestServices;
import dev.agentruntime.api.TestApi;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Publishing a spec whose tools of kind agent name sub-agents: only the tenant's own count. */
@QuarkusTest
@WithTestResource(value = ApiTestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SubAgentReferencesTest {

  private static Map<String, Object> delegating(String agent, int version) {
    return Map.of(
        "model", Map.of("provider", "demo"),
        "instructions", "Delegate.",
        "tools",
            List.of(
                Map.of(
                    "name",
                    "ask",
                    "kind",
                    "agent",
                    "description",
                    "Asks the sub-agent",
                    "agent",
                    agent,
                    "version",
                    version)));
  }

  private static Map<String, Object> delegatingByAlias(String agent, String alias) {
    return Map.of(
        "model", Map.of("provider", "demo"),
        "instructions", "Delegate.",
        "tools",
            List.of(
                Map.of(
                    "name",
                    "ask",
                    "kind",
                    "agent",
                    "description",
                    "Asks the sub-agent",
                    "agent",
                    agent,
                    "alias",
                    alias)));
  }

  private static void pointAlias(String tenant, String agentId, String alias, int version) {
    as(tenantToken(tenant))
        .body(Map.of("version", version))
        .put("/v1/agents/" + agentId + "/aliases/" + alias)
        .then()
        .statusCode(201);
  }

  private static Response publish(String tenant, String agentId, Map<String, Object> spec) {
    return as(tenantToken(tenant))
        .body(Map.of("spec", spec))
        .post("/v1/agents/" + agentId + "/versions");
  }

  @Test
  void anotherTenantsAgentOfThatNameIsRefusedAndNothingIsWritten() throws Exception {
    String a = TestApi.newTenant();
    String b = TestApi.newTenant();
    TestApi.agentWithVersion(b, "x");
    String parent = TestApi.newAgent(a, "parent");

    publish(a, parent, delegating("x", 1))
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("violations.field", contains("tools[0].agent"))
        .body("violations[0].message", containsString("'x'"));

    assertThat(count("agent_version", "agent_id = ?", UUID.fromString(parent))).isZero();
  }

  @Test
  void aPipelineStepNamingAnotherTenantsAgentOrAMissingVersionIsRefusedAtItsPath()
      throws Exception {
    String a = TestApi.newTenant();
    String b = TestApi.newTenant();
    TestApi.agentWithVersion(b, "x");
    TestApi.agentWithVersion(a, "researcher");
    String pipeline = TestApi.newAgent(a, "brief");
    Map<String, Object> spec =
        Map.of(
            "runtime",
            Map.of("type", "pipeline"),
            "pipeline",
            Map.of(
                "steps",
                List.of(
                    Map.of("name", "one", "agent", "researcher", "version", 1),
                    Map.of(
                        "parallel",
                        List.of(
                            Map.of("name", "two", "agent", "x", "version", 1),
                            Map.of("name", "three", "agent", "researcher", "version", 5)))),
                "output",
                Map.of("$ref", "/steps/one/output")));

    publish(a, pipeline, spec)
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body(
            "violations.field",
            contains(
                "pipeline.steps[1].parallel[0].agent", "pipeline.steps[1].parallel[1].version"));

    assertThat(count("agent_version", "agent_id = ?", UUID.fromString(pipeline))).isZero();
  }

  @Test
  void aVersionTheAgentDoesNotHaveIsRefusedOnTheVersionField() throws Exception {
    String tenant = TestApi.newTenant();
    TestApi.agentWithVersion(tenant, "researcher");
    String parent = TestApi.newAgent(tenant, "parent");

    publish(tenant, parent, delegating("researcher", 2))
        .then()
        .statusCode(422)
        .body("violations.field", contains("tools[0].version"))
        .body("violations[0].message", containsString("latest version is 1"));

    assertThat(count("agent_version", "agent_id = ?", UUID.fromString(parent))).isZero();
  }

  @Test
  void anAgentWithoutVersionsIsRefusedOnTheVersionField() throws Exception {
    String tenant = TestApi.newTenant();
    TestApi.newAgent(tenant, "empty");
    String parent = TestApi.newAgent(tenant, "parent");

    publish(tenant, parent, delegating("empty", 1))
        .then()
        .statusCode(422)
        .body("violations.field", contains("tools[0].version"))
        .body("violations[0].message", containsString("no version yet"));
  }

  @Test
  void theTenantsOwnAgentAndVersionAreAccepted() {
    String tenant = TestApi.newTenant();
    TestApi.agentWithVersion(tenant, "x");
    String parent = TestApi.newAgent(tenant, "parent");

    publish(tenant, parent, delegating("x", 1))
        .then()
        .statusCode(201)
        .body("version", equalTo(1))
        .body("spec.tools[0].agent", equalTo("x"));
  }

  @Test
  void aReferenceRefusalJoinsTheSpecsOtherViolationsInOneAnswer() {
    String tenant = TestApi.newTenant();
    String parent = TestApi.newAgent(tenant, "parent");
    Map<String, Object> spec = new java.util.HashMap<>(delegating("ghost", 1));
    spec.put("limits", Map.of("maxSteps", 0));

    publish(tenant, parent, spec)
        .then()
        .statusCode(422)
        .body("violations.field", contains("limits.maxSteps", "tools[0].agent"));
  }

  @Test
  void anAliasTheAgentDoesNotHaveIsRefusedOnTheAliasFieldAndNothingIsWritten() throws Exception {
    String tenant = TestApi.newTenant();
    String researcher = TestApi.agentWithVersion(tenant, "researcher");
    pointAlias(tenant, researcher, "staging", 1);
    String parent = TestApi.newAgent(tenant, "parent");

    publish(tenant, parent, delegatingByAlias("researcher", "prod"))
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("violations.field", contains("tools[0].alias"))
        .body("violations[0].message", containsString("alias 'prod' of agent 'researcher'"));

    assertThat(count("agent_version", "agent_id = ?", UUID.fromString(parent))).isZero();
  }

  @Test
  void anAliasOfTheTenantsAgentIsAcceptedAndStoredAsWritten() {
    String tenant = TestApi.newTenant();
    String researcher = TestApi.agentWithVersion(tenant, "researcher");
    pointAlias(tenant, researcher, "prod", 1);
    String parent = TestApi.newAgent(tenant, "parent");

    publish(tenant, parent, delegatingByAlias("researcher", "prod"))
        .then()
        .statusCode(201)
        .body("spec.tools[0].alias", equalTo("prod"))
        .body("spec.tools[0].version", org.hamcrest.Matchers.nullValue());
  }

  @Test
  void anotherTenantsAgentWithThatAliasDoesNotCount() throws Exception {
    String a = TestApi.newTenant();
    String b = TestApi.newTenant();
    // Tenant b has researcher with alias prod; tenant a has researcher without it.
    pointAlias(b, TestApi.agentWithVersion(b, "researcher"), "prod", 1);
    TestApi.agentWithVersion(a, "researcher");
    String parent = TestApi.newAgent(a, "parent");

    publish(a, parent, delegatingByAlias("researcher", "prod"))
        .then()
        .statusCode(422)
        .body("violations.field", contains("tools[0].alias"));
    // And with no agent of that name in tenant a at all, the agent field is refused.
    String other = TestApi.newAgent(a, "other");
    pointAlias(b, TestApi.agentWithVersion(b, "writer"), "prod", 1);
    publish(a, other, delegatingByAlias("writer", "prod"))
        .then()
        .statusCode(422)
        .body("violations.field", contains("tools[0].agent"));

    assertThat(count("agent_version", "agent_id = ?", UUID.fromString(parent))).isZero();
  }

  @Test
  void aPipelineStepNamingAMissingAliasIsRefusedAtItsPathAndAnExistingOneIsAccepted() {
    String tenant = TestApi.newTenant();
    String researcher = TestApi.agentWithVersion(tenant, "researcher");
    pointAlias(tenant, researcher, "prod", 1);
    String pipeline = TestApi.newAgent(tenant, "brief");
    java.util.function.Function<String, Map<String, Object>> spec =
        alias ->
            Map.of(
                "runtime",
                Map.of("type", "pipeline"),
                "pipeline",
                Map.of(
                    "steps",
                    List.of(
                        Map.of("name", "one", "agent", "researcher", "alias", "prod"),
                        Map.of(
                            "parallel",
                            List.of(
                                Map.of("name", "two", "agent", "researcher", "version", 1),
                                Map.of("name", "three", "agent", "researcher", "alias", alias)))),
                    "output",
                    Map.of("$ref", "/steps/one/output")));

    publish(tenant, pipeline, spec.apply("canary"))
        .then()
        .statusCode(422)
        .body("violations.field", contains("pipeline.steps[1].parallel[1].alias"));
    publish(tenant, pipeline, spec.apply("prod")).then().statusCode(201);
  }

  @Test
  void versionAndAliasTogetherAreRefusedOnceOnTheAliasField() {
    String tenant = TestApi.newTenant();
    TestApi.agentWithVersion(tenant, "researcher");
    String parent = TestApi.newAgent(tenant, "parent");
    Map<String, Object> tool = new java.util.HashMap<>();
    tool.putAll(Map.of("name", "ask", "kind", "agent", "agent", "researcher", "version", 1));
    tool.put("alias", "prod");
    Map<String, Object> spec =
        Map.of("model", Map.of("provider", "demo"), "instructions", "x", "tools", List.of(tool));

    publish(tenant, parent, spec)
        .then()
        .statusCode(422)
        .body("violations.field", contains("tools[0].alias"))
        .body("violations[0].message", containsString("not both"));
  }
}
