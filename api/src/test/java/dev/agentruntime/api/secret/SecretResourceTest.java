package dev.agentruntime.api.secret;

import static dev.agentruntime.api.TestApi.as;
import static dev.agentruntime.api.TestApi.count;
import static dev.agentruntime.api.TestApi.tenantToken;
import static dev.agentruntime.api.TestApi.tokenWithRoles;
import static dev.agentruntime.api.secret.TestSecrets.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import dev.agentruntime.api.ApiTestServices;
import dev.agentruntime.api.LogCapture;
import dev.agentruntime.api.TestApi;
import dev.agentruntime.api.WrittenRows;
import dev.agentruntime.core.secret.MasterKey;
import dev.agentruntime.core.secret.SecretCryptoException;
import dev.agentruntime.core.secret.SecretEnvelope;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The tenant secret store over HTTP: write-only values, metadata, roles, tenants, refusals. */
@QuarkusTest
@WithTestResource(value = ApiTestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SecretResourceTest {

  private static final String FINGERPRINT = "^hmac-sha256:[0-9a-f]{16}$";

  @Test
  void aPutCreatesThenReplacesWithTheNextVersionAndAnotherFingerprint() {
    String tenant = TestApi.newTenant();
    String admin = tokenWithRoles(tenant, "agent-admin");
    JsonPath created =
        put(admin, "OPENAI_KEY", "sk-first-" + UUID.randomUUID())
            .then()
            .statusCode(201)
            .contentType("application/json")
            .body("name", equalTo("OPENAI_KEY"))
            .body("version", equalTo(1))
            .body("fingerprint", matchesPattern(FINGERPRINT))
            .body("createdBy", equalTo("user-" + tenant))
            .body("updatedBy", equalTo("user-" + tenant))
            .extract()
            .jsonPath();
    assertThat(created.getString("updatedAt")).isEqualTo(created.getString("createdAt"));

    String second = "sk-second-" + UUID.randomUUID();
    JsonPath replaced =
        put(tenantToken(tenant), "OPENAI_KEY", second)
            .then()
            .statusCode(200)
            .body("version", equalTo(2))
            .body("createdBy", equalTo("user-" + tenant))
            .body("updatedBy", equalTo(tenant + "-admin"))
            .extract()
            .jsonPath();
    assertThat(replaced.getString("fingerprint"))
        .matches(FINGERPRINT)
        .isNotEqualTo(created.getString("fingerprint"));
    assertThat(replaced.getString("createdAt")).isEqualTo(created.getString("createdAt"));
    assertThat(Instant.parse(replaced.getString("updatedAt")))
        .isAfterOrEqualTo(Instant.parse(created.getString("createdAt")));

    // The same value again: a new version, the same fingerprint (that is what it is for).
    put(admin, "OPENAI_KEY", second)
        .then()
        .statusCode(200)
        .body("version", equalTo(3))
        .body("fingerprint", equalTo(replaced.getString("fingerprint")));
  }

  @Test
  void theValueIsNeitherAnsweredNorLoggedNorStoredInTheClear() throws Exception {
    String tenant = TestApi.newTenant();
    String admin = tenantToken(tenant);
    String planted = "planted-" + UUID.randomUUID();
    byte[] bytes = planted.getBytes(StandardCharsets.UTF_8);
    List<String> answers = new ArrayList<>();
    try (LogCapture log = LogCapture.start()) {
      answers.add(put(admin, "PLANTED", planted).then().statusCode(201).extract().asString());
      answers.add(put(admin, "PLANTED", planted).then().statusCode(200).extract().asString());
      answers.add(as(admin).get("/v1/secrets/PLANTED").then().statusCode(200).extract().asString());
      answers.add(as(admin).get("/v1/secrets").then().statusCode(200).extract().asString());
      answers.add(
          as(tokenWithRoles(tenant, "viewer"))
              .get("/v1/secrets")
              .then()
              .statusCode(200)
              .extract()
              .asString());
      for (String answer : answers) {
        assertThat(answer).doesNotContain(planted).doesNotContain("value");
      }
      assertThat(log.logged()).extracting(LogCapture::lineOf).noneMatch(l -> l.contains(planted));
    }
    String rows = TestSecrets.rowsAsText(tenant);
    assertThat(rows).contains("PLANTED").contains("\\x");
    assertThat(rows)
        .doesNotContain(planted)
        .doesNotContainIgnoringCase(HexFormat.of().formatHex(bytes))
        .doesNotContain(Base64.getEncoder().encodeToString(bytes));
  }

  @Test
  void theListShowsTheTenantsSecretsByName() {
    String tenant = TestApi.newTenant();
    String admin = tenantToken(tenant);
    for (String name : List.of("b-token", "A_KEY", "a-key")) {
      put(admin, name, "v-" + name).then().statusCode(201);
    }
    as(tokenWithRoles(tenant, "viewer"))
        .get("/v1/secrets")
        .then()
        .statusCode(200)
        .body("name", equalTo(List.of("A_KEY", "a-key", "b-token")))
        .body("version", equalTo(List.of(1, 1, 1)));
  }

  @Test
  void anotherTenantNeitherSeesNorReachesTheSecret() throws Exception {
    String owner = TestApi.newTenant();
    String other = TestApi.newTenant();
    String fingerprint =
        put(tenantToken(owner), "SHARED_NAME", "owner-value")
            .then()
            .statusCode(201)
            .extract()
            .path("fingerprint");
    String otherToken = tenantToken(other);
    as(otherToken)
        .get("/v1/secrets/SHARED_NAME")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    as(otherToken).delete("/v1/secrets/SHARED_NAME").then().statusCode(404);
    as(otherToken)
        .get("/v1/secrets")
        .then()
        .statusCode(200)
        .body("name", not(hasItem("SHARED_NAME")));
    // The same name in the other tenant is a secret of its own, and leaves the owner's alone.
    put(otherToken, "SHARED_NAME", "other-value")
        .then()
        .statusCode(201)
        .body("version", equalTo(1));
    as(tenantToken(owner))
        .get("/v1/secrets/SHARED_NAME")
        .then()
        .statusCode(200)
        .body("version", equalTo(1))
        .body("fingerprint", equalTo(fingerprint));
    assertThat(count("tenant_secret", "name = ?", "SHARED_NAME")).isEqualTo(2);
  }

  @Test
  void aViewerReadsMetadataButNeitherWritesNorDeletes() throws Exception {
    String tenant = TestApi.newTenant();
    put(tenantToken(tenant), "VIEWED", "v1").then().statusCode(201);
    String viewer = tokenWithRoles(tenant, "viewer");
    as(viewer).get("/v1/secrets").then().statusCode(200).body("name", hasItem("VIEWED"));
    as(viewer).get("/v1/secrets/VIEWED").then().statusCode(200).body("version", equalTo(1));
    WrittenRows before = WrittenRows.snapshot();
    put(viewer, "VIEWED", "v2").then().statusCode(403).contentType("application/problem+json");
    put(viewer, "NEW", "v").then().statusCode(403);
    as(viewer).delete("/v1/secrets/VIEWED").then().statusCode(403);
    before.assertNothingWritten();
    as(viewer).get("/v1/secrets/VIEWED").then().statusCode(200).body("version", equalTo(1));
  }

  @Test
  void runnersAndApproversHaveNoBusinessWithSecrets() throws Exception {
    String tenant = TestApi.newTenant();
    put(tenantToken(tenant), "KEPT", "v1").then().statusCode(201);
    WrittenRows before = WrittenRows.snapshot();
    for (String role : List.of("runner", "approver")) {
      String token = tokenWithRoles(tenant, role);
      put(token, "KEPT", "v2").then().statusCode(403).contentType("application/problem+json");
      as(token).get("/v1/secrets").then().statusCode(403);
      as(token).get("/v1/secrets/KEPT").then().statusCode(403);
      as(token).delete("/v1/secrets/KEPT").then().statusCode(403);
    }
    put(TestApi.platformAdminToken(), "KEPT", "v2").then().statusCode(403);
    before.assertNothingWritten();
  }

  @Test
  void aSubjectTooLongToRecordAsTheAuthorIsRefusedNotCut() throws Exception {
    String tenant = TestApi.newTenant();
    String longSubject = "s".repeat(256);
    String token =
        TestApi.tokens()
            .mint(longSubject, tenant, java.util.Set.of("agent-admin"), Duration.ofMinutes(5));
    WrittenRows before = WrittenRows.snapshot();
    put(token, "AUTHORED", "v").then().statusCode(403).contentType("application/problem+json");
    before.assertNothingWritten();
    String longest =
        TestApi.tokens()
            .mint("s".repeat(255), tenant, java.util.Set.of("agent-admin"), Duration.ofMinutes(5));
    put(longest, "AUTHORED", "v")
        .then()
        .statusCode(201)
        .body("createdBy", equalTo("s".repeat(255)));
  }

  @Test
  void aNameThatIsNoSecretNameIsABadRequestNamingTheParameter() throws Exception {
    String tenant = TestApi.newTenant();
    String admin = tenantToken(tenant);
    WrittenRows before = WrittenRows.snapshot();
    for (String name :
        List.of(
            "9KEY",
            "_KEY",
            "-key",
            "a.b",
            "a%20b",
            "k%0Aey",
            "%C3%A9t%C3%A9",
            "k" + "e".repeat(64))) {
      for (String method : List.of("PUT", "GET", "DELETE")) {
        var request = as(admin).urlEncodingEnabled(false);
        if (method.equals("PUT")) {
          request.body("{\"value\":\"v\"}");
        }
        request
            .request(method, "/v1/secrets/" + name)
            .then()
            .statusCode(400)
            .contentType("application/problem+json")
            .body("type", equalTo("https://agent-runtime.dev/problems/invalid-parameter"))
            .body("violations[0].field", equalTo("name"));
      }
    }
    before.assertNothingWritten();
    // The longest name there is, for comparison.
    put(admin, "k" + "e".repeat(63), "v").then().statusCode(201);
  }

  @Test
  void aValueThatCannotBeSentAsAHeaderIsRefusedNamingTheFieldNotTheValue() throws Exception {
    String tenant = TestApi.newTenant();
    String admin = tenantToken(tenant);
    put(admin, "EXISTING", "kept-value").then().statusCode(201);
    WrittenRows before = WrittenRows.snapshot();
    String rows = TestSecrets.rowsAsText(tenant);
    List<String> unusable =
        List.of(
            "",
            " ",
            "sk-line\nbreak-7f3a",
            "sk-carriage\rreturn-7f3a",
            "sk-tab\there-7f3a",
            "sk-bell\u0007-7f3a",
            "sk-del\u007f-7f3a",
            "sk-accent-\u00e9-7f3a",
            " sk-leading-space-7f3a",
            "sk-trailing-space-7f3a ",
            "sk-too-long-" + "x".repeat(SecretEnvelope.MAX_VALUE_BYTES));
    for (String value : unusable) {
      for (String name : List.of("EXISTING", "FRESH")) {
        String answer =
            put(admin, name, value)
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://agent-runtime.dev/problems/invalid-secret-value"))
                .body("violations.size()", equalTo(1))
                .body("violations[0].field", equalTo("value"))
                .extract()
                .asString();
        if (!value.isBlank()) {
          assertThat(answer)
              .doesNotContain(value.strip())
              .doesNotContain("sk-")
              .doesNotContain("7f3a");
        }
      }
    }
    before.assertNothingWritten();
    assertThat(TestSecrets.rowsAsText(tenant)).isEqualTo(rows);
    // At the limits: the longest value, inner spaces, every printable character.
    put(admin, "LONGEST", "x".repeat(SecretEnvelope.MAX_VALUE_BYTES)).then().statusCode(201);
    StringBuilder printable = new StringBuilder();
    for (char c = 0x21; c <= 0x7e; c++) {
      printable.append(c).append(' ');
    }
    put(admin, "PRINTABLE", printable.toString().strip()).then().statusCode(201);
  }

  @Test
  void aBodyOfAnotherShapeIsABadRequestLikeEverywhereElse() throws Exception {
    String tenant = TestApi.newTenant();
    String admin = tenantToken(tenant);
    WrittenRows before = WrittenRows.snapshot();
    as(admin)
        .body("{\"value\":\"sk-abc\",\"note\":\"x\"}")
        .put("/v1/secrets/SHAPED")
        .then()
        .statusCode(400)
        .body("type", equalTo("https://agent-runtime.dev/problems/unknown-field"))
        .body("violations[0].field", equalTo("note"));
    as(admin)
        .body("{\"value\":\"sk-abc\"")
        .put("/v1/secrets/SHAPED")
        .then()
        .statusCode(400)
        .body("type", equalTo("https://agent-runtime.dev/problems/malformed-json"));
    as(admin)
        .body("{\"value\":12345}")
        .put("/v1/secrets/SHAPED")
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("value"));
    as(admin)
        .body("{\"value\":\"a\",\"value\":\"b\"}")
        .put("/v1/secrets/SHAPED")
        .then()
        .statusCode(400);
    for (String body : List.of("{}", "{\"value\":null}", "null")) {
      as(admin).body(body).put("/v1/secrets/SHAPED").then().statusCode(400);
    }
    before.assertNothingWritten();
  }

  @Test
  void aDeletedSecretIsGoneAndCanBeCreatedAgain() throws Exception {
    String tenant = TestApi.newTenant();
    String admin = tenantToken(tenant);
    put(admin, "SHORT_LIVED", "v1").then().statusCode(201);
    put(admin, "SHORT_LIVED", "v2").then().statusCode(200).body("version", equalTo(2));
    as(admin).delete("/v1/secrets/SHORT_LIVED").then().statusCode(204);
    as(admin).get("/v1/secrets/SHORT_LIVED").then().statusCode(404);
    as(admin).delete("/v1/secrets/SHORT_LIVED").then().statusCode(404);
    assertThat(count("tenant_secret", "tenant_id = ?", tenant)).isZero();
    put(admin, "SHORT_LIVED", "v3").then().statusCode(201).body("version", equalTo(1));
  }

  @Test
  void concurrentFirstPutsOfATenantShareOneDataKey() throws Exception {
    String tenant = TestApi.newTenant();
    String admin = tenantToken(tenant);
    int writers = 8;
    List<Callable<Integer>> puts = new ArrayList<>();
    for (int i = 0; i < writers; i++) {
      String name = "RACE_" + i;
      puts.add(() -> put(admin, name, "value-" + name).statusCode());
    }
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      for (Future<Integer> status : pool.invokeAll(puts)) {
        assertThat(status.get()).isEqualTo(201);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(count("tenant_data_key", "tenant_id = ?", tenant)).isEqualTo(1);
    byte[] dataKey = TestSecrets.dataKey(tenant, TestSecrets.configuredKeyring().active());
    for (int i = 0; i < writers; i++) {
      String name = "RACE_" + i;
      byte[] value = SecretEnvelope.open(dataKey, tenant, name, TestSecrets.sealed(tenant, name));
      assertThat(new String(value, StandardCharsets.UTF_8)).isEqualTo("value-" + name);
    }
  }

  @Test
  void aSealedValueOpensOnlyAsItsOwnTenantAndName() throws Exception {
    String owner = TestApi.newTenant();
    String other = TestApi.newTenant();
    put(tenantToken(owner), "BOUND", "owner-secret").then().statusCode(201);
    put(tenantToken(other), "BOUND", "other-secret").then().statusCode(201);
    MasterKey master = TestSecrets.configuredKeyring().active();
    assertThat(TestSecrets.masterKeyId(owner)).isEqualTo(master.id());
    byte[] ownerKey = TestSecrets.dataKey(owner, master);
    byte[] otherKey = TestSecrets.dataKey(other, master);
    byte[] sealed = TestSecrets.sealed(owner, "BOUND");
    assertThat(SecretEnvelope.open(ownerKey, owner, "BOUND", sealed))
        .isEqualTo("owner-secret".getBytes(StandardCharsets.UTF_8));

    // Under another name, or as another tenant's, the same ciphertext does not open.
    assertThatThrownBy(() -> SecretEnvelope.open(ownerKey, owner, "OTHER_NAME", sealed))
        .isInstanceOf(SecretCryptoException.class);
    assertThatThrownBy(() -> SecretEnvelope.open(ownerKey, other, "BOUND", sealed))
        .isInstanceOf(SecretCryptoException.class);
    // Copied into the other tenant's row: that tenant's key and binding open nothing.
    TestSecrets.execute(
        "update tenant_secret set sealed = ? where tenant_id = ? and name = 'BOUND'",
        sealed,
        other);
    byte[] copied = TestSecrets.sealed(other, "BOUND");
    assertThatThrownBy(() -> SecretEnvelope.open(otherKey, other, "BOUND", copied))
        .isInstanceOf(SecretCryptoException.class)
        .hasMessageNotContaining("owner-secret");
    // A data key copied to another tenant does not unwrap there either.
    assertThatThrownBy(() -> SecretEnvelope.unwrap(master, other, TestSecrets.wrappedKey(owner)))
        .isInstanceOf(SecretCryptoException.class);
  }
}
