package dev.agentruntime.api.agent.apply;

import static dev.agentruntime.api.TestApi.as;
import static dev.agentruntime.api.TestApi.count;
import static dev.agentruntime.api.TestApi.tenantToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import dev.agentruntime.api.ApiTestServices;
import dev.agentruntime.api.TestApi;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = ApiTestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ApplyResourceTest {

  private static Map<String, Object> file(String name, Map<String, Object> spec) {
    Map<String, Object> file = new LinkedHashMap<>();
    file.put("apiVersion", "agent-runtime/v1");
    file.put("kind", "Agent");
    file.put("name", name);
    file.put("spec", spec);
    return file;
  }

  private static Map<String, Object> with(Map<String, Object> file, String key, Object value) {
    Map<String, Object> copy = new LinkedHashMap<>(file);
    copy.put(key, value);
    return copy;
  }

  /** A spec whose tool asks the tenant's agent {@code subAgent}, version 1. */
  private static Map<String, Object> callerSpec(String subAgent) {
    return Map.of(
        "model", Map.of("provider", "demo"),
        "instructions", "Ask the researcher.",
        "tools",
            List.of(
                Map.of(
                    "name", "research",
                    "kind", "agent",
                    "agent", subAgent,
                    "version", 1,
                    "description", "Researches a topic")));
  }

  private static Response apply(String tenant, Map<String, Object> files, boolean dryRun) {
    return as(tenantToken(tenant)).body(Map.of("dryRun", dryRun, "files", files)).post("/v1/apply");
  }

  private static Map<String, Object> twoAgents() {
    Map<String, Object> files = new LinkedHashMap<>();
    // The caller sorts first and names the other: the apply creates the named one first.
    files.put(
        "agents/a-caller.json",
        with(
            file("caller", callerSpec("researcher")),
            "aliases",
            Map.of("prod", Map.of("version", "this"))));
    files.put(
        "agents/researcher.json",
        with(file("researcher", TestApi.spec("Research.")), "description", "Researches"));
    return files;
  }

  @Test
  void applyingFilesCreatesAgentsAndAliasesAndApplyingThemAgainChangesNothing() throws Exception {
    String tenant = TestApi.newTenant();
    Map<String, Object> files = twoAgents();

    apply(tenant, files, false)
        .then()
        .statusCode(200)
        .body("dryRun", equalTo(false))
        .body("changes.file", contains("agents/researcher.json", "agents/a-caller.json"))
        .body("changes.action", contains("created", "created"))
        .body("changes.version", contains(1, 1))
        .body("changes[1].aliases[0].name", equalTo("prod"))
        .body("changes[1].aliases[0].action", equalTo("created"))
        .body("changes[1].aliases[0].from", nullValue())
        .body("changes[1].aliases[0].to.version", equalTo(1));
    long versions = count("agent_version", "tenant_id = ?", tenant);
    long aliasChanges = count("agent_alias_change", "tenant_id = ?", tenant);

    apply(tenant, files, false)
        .then()
        .statusCode(200)
        .body("changes.action", contains("unchanged", "unchanged"))
        .body("changes.descriptionChanged", contains(false, false))
        .body("changes[1].aliases[0].action", equalTo("unchanged"));
    assertThat(count("agent_version", "tenant_id = ?", tenant)).isEqualTo(versions).isEqualTo(2);
    assertThat(count("agent_alias_change", "tenant_id = ?", tenant)).isEqualTo(aliasChanges);
  }

  @Test
  void aCallerMayNameTheAliasItsSubAgentsFileSetsInTheSameApply() throws Exception {
    String tenant = TestApi.newTenant();
    Map<String, Object> byAlias =
        Map.of(
            "model", Map.of("provider", "demo"),
            "instructions", "Ask the researcher.",
            "tools",
                List.of(
                    Map.of(
                        "name", "research",
                        "kind", "agent",
                        "agent", "researcher",
                        "alias", "prod",
                        "description", "Researches a topic")));
    Map<String, Object> files = new LinkedHashMap<>();
    // The caller sorts first; the researcher's file, applied before it, points prod.
    files.put("agents/a-caller.json", file("caller", byAlias));
    files.put(
        "agents/researcher.json",
        with(
            file("researcher", TestApi.spec("Research.")),
            "aliases",
            Map.of("prod", Map.of("version", "this"))));

    apply(tenant, files, false)
        .then()
        .statusCode(200)
        .body("changes.file", contains("agents/researcher.json", "agents/a-caller.json"))
        .body("changes.action", contains("created", "created"));

    // Without the alias in the apply (and none on the agent), the caller's file is refused.
    String other = TestApi.newTenant();
    files.put("agents/researcher.json", file("researcher", TestApi.spec("Research.")));
    apply(other, files, false)
        .then()
        .statusCode(422)
        .body("violations.field", hasItem(containsString("tools[0].alias")));
    assertThat(count("agent_version", "tenant_id = ?", other)).isZero();
  }

  @Test
  void aDryRunAnswersThePlanAndWritesNothing() throws Exception {
    String tenant = TestApi.newTenant();
    Map<String, Object> files = twoAgents();
    apply(tenant, files, true)
        .then()
        .statusCode(200)
        .body("dryRun", equalTo(true))
        .body("changes.action", contains("created", "created"))
        .body("changes.agentId", contains(nullValue(), nullValue()));
    assertThat(count("agent", "tenant_id = ?", tenant)).isZero();

    apply(tenant, files, false).then().statusCode(200);
    files.put(
        "agents/researcher.json",
        with(file("researcher", TestApi.spec("Research harder.")), "description", "Digs"));
    apply(tenant, files, true)
        .then()
        .statusCode(200)
        .body("changes.action", contains("new_version", "unchanged"))
        .body("changes.version", contains(2, 1))
        .body("changes.descriptionChanged", contains(true, false));
    assertThat(count("agent_version", "tenant_id = ?", tenant)).isEqualTo(2);
    assertThat(count("agent", "tenant_id = ? and description = 'Researches'", tenant)).isEqualTo(1);
  }

  @Test
  void aBadFileAnswers422NamingTheFileAndFieldAndNothingIsApplied() throws Exception {
    String tenant = TestApi.newTenant();
    Map<String, Object> files = new LinkedHashMap<>();
    files.put("good.json", file("fine", TestApi.spec("Fine.")));
    Map<String, Object> badSpec = new LinkedHashMap<>(TestApi.spec("Bad."));
    badSpec.put("tools", List.of(Map.of("name", "x", "kind", "teleport")));
    files.put("bad.json", file("broken", badSpec));
    files.put(
        "aliased.json",
        with(file("aliased", TestApi.spec("A.")), "aliases", Map.of("prod", Map.of("version", 7))));

    apply(tenant, files, false)
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("type", equalTo("https://agent-runtime.dev/problems/invalid-agent-files"))
        .body("violations.field", hasItem("files[\"bad.json\"].spec.tools[0].kind"))
        .body("violations.field", hasItem("files[\"aliased.json\"].aliases.prod.version"));
    assertThat(count("agent", "tenant_id = ?", tenant)).isZero();
    assertThat(count("agent_alias_change", "tenant_id = ?", tenant)).isZero();

    // The envelope is checked field by field too.
    Map<String, Object> envelope =
        with(with(file("Bad Name", TestApi.spec("x")), "kind", "Robot"), "colour", "red");
    apply(tenant, Map.of("envelope.json", envelope), false)
        .then()
        .statusCode(422)
        .body(
            "violations.field",
            containsInAnyOrder(
                "files[\"envelope.json\"].name",
                "files[\"envelope.json\"].kind",
                "files[\"envelope.json\"].colour"));
  }

  @Test
  void aNumberedFileMustMatchItsVersionOrBeTheNextOne() throws Exception {
    String tenant = TestApi.newTenant();
    apply(tenant, Map.of("v1.json", file("numbered", TestApi.spec("One."))), false)
        .then()
        .statusCode(200);
    apply(
            tenant,
            Map.of("v1.json", with(file("numbered", TestApi.spec("Changed.")), "version", 1)),
            false)
        .then()
        .statusCode(422)
        .body("violations.field", contains("files[\"v1.json\"].spec"));
    apply(
            tenant,
            Map.of("v3.json", with(file("numbered", TestApi.spec("Three.")), "version", 3)),
            false)
        .then()
        .statusCode(422)
        .body("violations.field", contains("files[\"v3.json\"].version"));
    assertThat(count("agent_version", "tenant_id = ?", tenant)).isEqualTo(1);
  }

  @Test
  void anExportAppliedToAnotherTenantRecreatesTheAgentAndRoundTrips() {
    String source = TestApi.newTenant();
    String agentId = TestApi.newAgent(source, "exported");
    TestApi.publish(source, agentId, "First.");
    TestApi.publish(source, agentId, "Second.");
    TestApi.publish(source, agentId, "Third.");
    as(tenantToken(source))
        .body(Map.of("version", 2, "canary", Map.of("version", 3, "weight", 10)))
        .put("/v1/agents/" + agentId + "/aliases/prod")
        .then()
        .statusCode(201);
    Map<String, Object> exported =
        as(tenantToken(source))
            .get("/v1/agents/" + agentId + "/export")
            .then()
            .statusCode(200)
            .extract()
            .path("files");
    assertThat(exported).containsOnlyKeys("exported@1.json", "exported@2.json", "exported@3.json");

    // Applied where it came from: nothing changes.
    apply(source, exported, false)
        .then()
        .statusCode(200)
        .body("changes.action", contains("unchanged", "unchanged", "unchanged"));

    String target = TestApi.newTenant();
    String newId =
        apply(target, exported, false)
            .then()
            .statusCode(200)
            .body("changes.action", contains("created", "new_version", "new_version"))
            .body("changes.version", contains(1, 2, 3))
            .body("changes[2].aliases[0].to.canary.weight", equalTo(10))
            .extract()
            .path("changes[0].agentId");
    List<String> sourceHashes =
        as(tenantToken(source))
            .get("/v1/agents/" + agentId + "/versions")
            .then()
            .extract()
            .path("contentHash");
    List<String> targetHashes =
        as(tenantToken(target))
            .get("/v1/agents/" + newId + "/versions")
            .then()
            .extract()
            .path("contentHash");
    assertThat(targetHashes).isEqualTo(sourceHashes);
    Map<String, Object> again =
        as(tenantToken(target))
            .get("/v1/agents/" + newId + "/export")
            .then()
            .statusCode(200)
            .extract()
            .path("files");
    assertThat(again).isEqualTo(exported);
  }

  @Test
  void anotherTenantsAgentIsNotExportedNorTouchedByAnApply() throws Exception {
    String owner = TestApi.newTenant();
    String agentId = TestApi.agentWithVersion(owner, "shared-name");
    String other = TestApi.newTenant();
    as(tenantToken(other)).get("/v1/agents/" + agentId + "/export").then().statusCode(404);
    apply(other, Map.of("f.json", file("shared-name", TestApi.spec("Mine."))), false)
        .then()
        .statusCode(200)
        .body("changes.action", contains("created"));
    assertThat(count("agent_version", "tenant_id = ?", owner)).isEqualTo(1);
  }

  @Test
  void aViewerCannotApply() throws Exception {
    String tenant = TestApi.newTenant();
    as(TestApi.tokenWithRoles(tenant, "viewer"))
        .body(Map.of("files", Map.of("f.json", file("nope", TestApi.spec("x")))))
        .post("/v1/apply")
        .then()
        .statusCode(403);
    assertThat(count("agent", "tenant_id = ?", tenant)).isZero();
  }
}
