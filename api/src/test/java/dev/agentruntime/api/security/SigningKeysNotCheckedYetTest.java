package dev.agentruntime.api.security;

import static dev.agentruntime.api.TestApi.as;
import static dev.agentruntime.api.TestApi.platformAdminToken;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.sun.net.httpserver.HttpServer;
import dev.agentruntime.api.ApiTestServices;
import dev.agentruntime.api.KeycloakLaterServices;
import dev.agentruntime.api.TestApi;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Keycloak starting after the API: until the JWKS has been fetched and checked, the API is not
 * ready and answers every /v1 call with 503, so no token is verified with an unchecked key; once
 * the key set is served (not the demo realm's key), the same token is accepted.
 */
@QuarkusTest
@WithTestResource(value = KeycloakLaterServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SigningKeysNotCheckedYetTest {

  @Test
  void theApiAnswers503UntilItHasCheckedTheKeySetThenServes() throws Exception {
    String token = platformAdminToken();
    as(token)
        .get("/v1/tenants")
        .then()
        .statusCode(503)
        .contentType("application/problem+json")
        .header("Retry-After", "2")
        .body("type", equalTo("https://agent-runtime.dev/problems/signing-keys-unchecked"))
        .body("detail", containsString("/certs"));
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(503)
        .body("checks.name", hasItem("Token signing keys checked"));

    HttpServer keycloak =
        SigningKeys.serveJwks(
            ConfigProvider.getConfig().getValue(KeycloakLaterServices.JWKS_PORT, Integer.class),
            SigningKeys.jwks("dev", testKey())); // DevTokens signs with kid dev
    try {
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
      as(token).get("/v1/tenants").then().statusCode(200);
      TestApi.newTenant();
    } finally {
      keycloak.stop(0);
    }
  }

  /** The public key the tests' tokens are signed for. */
  private static RSAPublicKey testKey() throws Exception {
    Path dir = Path.of(ConfigProvider.getConfig().getValue(ApiTestServices.KEYS_DIR, String.class));
    String body =
        Files.readString(dir.resolve("public-key.pem"))
            .replaceAll("-----[A-Z ]+-----", "")
            .replaceAll("\\s", "");
    return (RSAPublicKey)
        KeyFactory.getInstance("RSA")
            .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
  }
}
