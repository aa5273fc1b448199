package dev.agentruntime.api.secret;

import static dev.agentruntime.api.TestApi.as;
import static dev.agentruntime.api.TestApi.count;
import static dev.agentruntime.api.TestApi.tenantToken;
import static dev.agentruntime.api.secret.TestSecrets.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

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

/**
 * Publishing a version checks whose secrets its spec names: a {@code secret:} reference must be a
 * secret of the publishing tenant, an {@code env:}/{@code file:} one a platform secret the operator
 * granted to it (the test profile grants {@code env:TOKEN}, {@code env:OPENAI_API_KEY} to every
 * tenant and {@code file:/run/secrets/grantee-only} to {@code secrets-grantee} alone).
 */
@QuarkusTest
@WithTestResource(value = ApiTestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SecretReferencesTest {

  private static final String GRANTEE = "secrets-grantee";

  @Test
  void aSecretTheTenantDoesNotHaveIsRefusedUntilItIsPut() throws Exception {
    String tenant = TestApi.newTenant();
    String agentId = TestApi.newAgent(tenant, "keyed");
    publish(tenant, agentId, openai("secret:OPENAI_KEY"))
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("type", equalTo("https://agent-runtime.dev/problems/invalid-spec"))
        .body("violations.size()", equalTo(1))
        .body("violations[0].field", equalTo("model.apiKeyRef"))
        .body(
            "violations[0].message",
            equalTo(
                "names secret:OPENAI_KEY, which this tenant does not have (PUT"
                    + " /v1/secrets/OPENAI_KEY first)"));
    assertThat(versions(agentId)).isZero();

    put(tenantToken(tenant), "OPENAI_KEY", "sk-live-abc").then().statusCode(201);
    publish(tenant, agentId, openai("secret:OPENAI_KEY"))
        .then()
        .statusCode(201)
        .body("spec.model.apiKeyRef", equalTo("secret:OPENAI_KEY"));
  }

  @Test
  void anotherTenantsSecretOfTheSameNameDoesNotCount() throws Exception {
    String owner = TestApi.newTenant();
    String publisher = TestApi.newTenant();
    put(tenantToken(owner), "THEIR_KEY", "sk-theirs").then().statusCode(201);
    String agentId = TestApi.newAgent(publisher, "borrower");
    publish(publisher, agentId, openai("secret:THEIR_KEY"))
        .then()
        .statusCode(422)
        .body("violations[0].field", equalTo("model.apiKeyRef"));
    assertThat(versions(agentId)).isZero();
  }

  @Test
  void aDeletedSecretCannotBeNamedAnyMore() {
    String tenant = TestApi.newTenant();
    String agentId = TestApi.newAgent(tenant, "forgetful");
    put(tenantToken(tenant), "GONE_SOON", "sk-1").then().statusCode(201);
    publish(tenant, agentId, openai("secret:GONE_SOON")).then().statusCode(201);
    as(tenantToken(tenant)).delete("/v1/secrets/GONE_SOON").then().statusCode(204);
    Map<String, Object> changed =
        Map.of(
            "model",
            Map.of("provider", "openai", "name", "gpt-4o", "apiKeyRef", "secret:GONE_SOON"),
            "instructions",
            "Take notes.");
    publish(tenant, agentId, changed)
        .then()
        .statusCode(422)
        .body("violations[0].field", equalTo("model.apiKeyRef"));
  }

  @Test
  void aPlatformSecretIsUsableOnlyWhereTheOperatorGrantedIt() throws Exception {
    String tenant = TestApi.newTenant();
    String agentId = TestApi.newAgent(tenant, "platform");
    publish(tenant, agentId, openai("env:NOT_GRANTED"))
        .then()
        .statusCode(422)
        .body("violations[0].field", equalTo("model.apiKeyRef"))
        .body(
            "violations[0].message",
            equalTo(
                "env:NOT_GRANTED is a platform secret the operator has not granted to this"
                    + " tenant"));
    publish(tenant, agentId, openai("file:/etc/shadow")).then().statusCode(422);
    publish(tenant, agentId, openai("file:/run/secrets/grantee-only"))
        .then()
        .statusCode(422)
        .body("violations[0].field", equalTo("model.apiKeyRef"));
    assertThat(versions(agentId)).isZero();

    publish(tenant, agentId, openai("env:OPENAI_API_KEY")).then().statusCode(201);
  }

  @Test
  void aGrantNamingTenantsHoldsForThemAlone() {
    as(TestApi.platformAdminToken())
        .body(Map.of("id", GRANTEE, "displayName", "Granted a platform secret"))
        .post("/v1/tenants")
        .then()
        .statusCode(org.hamcrest.Matchers.anyOf(equalTo(201), equalTo(409)));
    String agentId =
        TestApi.newAgent(GRANTEE, "grantee-" + UUID.randomUUID().toString().substring(0, 8));
    publish(GRANTEE, agentId, openai("file:/run/secrets/grantee-only")).then().statusCode(201);
  }

  @Test
  void everyRefusedReferenceComesBackInOneAnswerWithTheSpecsOtherViolations() throws Exception {
    String tenant = TestApi.newTenant();
    String agentId = TestApi.newAgent(tenant, "many-faults");
    Map<String, Object> spec =
        Map.of(
            "model",
            Map.of("provider", "openai", "name", "gpt-4o-mini", "apiKeyRef", "secret:MISSING"),
            "instructions",
            "Use the tools.",
            "tools",
            List.of(
                Map.of("name", "write_artifact", "kind", "write_artifact"),
                Map.of(
                    "name",
                    "everything",
                    "kind",
                    "mcp",
                    "url",
                    "http://127.0.0.1:3001/mcp",
                    "authRef",
                    "env:NOT_GRANTED",
                    "allowedTools",
                    List.of("echo"),
                    "egressAllowlist",
                    List.of("http://127.0.0.1:3001"))),
            "limits",
            Map.of("maxSteps", 0));
    publish(tenant, agentId, spec)
        .then()
        .statusCode(422)
        .body("violations.size()", equalTo(3))
        .body(
            "violations.field", hasItems("limits.maxSteps", "model.apiKeyRef", "tools[1].authRef"));
    assertThat(versions(agentId)).isZero();
  }

  @Test
  void aReferenceTheValidatorRefusedIsNotRefusedTwice() {
    String tenant = TestApi.newTenant();
    String agentId = TestApi.newAgent(tenant, "builtin-with-key");
    // A builtin runtime takes no apiKeyRef: the validator says so, and that is the only refusal.
    Map<String, Object> spec =
        Map.of(
            "runtime",
            Map.of("type", "builtin", "apiKeyRef", "secret:MISSING"),
            "model",
            Map.of("provider", "demo"),
            "instructions",
            "x");
    publish(tenant, agentId, spec)
        .then()
        .statusCode(422)
        .body("violations.size()", equalTo(1))
        .body("violations[0].field", equalTo("runtime.apiKeyRef"))
        .body("violations[0].message", equalTo("is only allowed with runtime type http"));
  }

  private static Map<String, Object> openai(String apiKeyRef) {
    return Map.of(
        "model",
        Map.of("provider", "openai", "name", "gpt-4o-mini", "apiKeyRef", apiKeyRef),
        "instructions",
        "Take notes.");
  }

  private static Response publish(String tenant, String agentId, Map<String, Object> spec) {
    return as(tenantToken(tenant))
        .body(Map.of("spec", spec))
        .post("/v1/agents/" + agentId + "/versions");
  }

  private static long versions(String agentId) throws Exception {
    return count("agent_version", "agent_id = ?", UUID.fromString(agentId));
  }
}
