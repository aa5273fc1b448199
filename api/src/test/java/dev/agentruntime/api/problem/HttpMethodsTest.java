package dev.agentruntime.api.problem;

import static dev.agentruntime.api.TestApi.as;
import static dev.agentruntime.api.TestApi.tenantToken;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentruntime.api.ApiTestServices;
import dev.agentruntime.api.TestApi;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code Allow} tells the truth: on OPTIONS, on a 405, and for every path the API documents. */
@QuarkusTest
@WithTestResource(value = ApiTestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class HttpMethodsTest {

  @Inject AllowedMethods allowed;

  @Test
  void optionsListsExactlyThePathsMethods() {
    String run = "/v1/runs/" + UUID.randomUUID();
    given().options(run).then().statusCode(204).header("Allow", "GET, HEAD, OPTIONS");
    given().options("/v1/runs").then().statusCode(204).header("Allow", "GET, HEAD, OPTIONS, POST");
    given().options(run + "/fork").then().statusCode(204).header("Allow", "OPTIONS, POST");
    given()
        .options("/v1/agents/" + UUID.randomUUID() + "/versions/3")
        .then()
        .statusCode(204)
        .header("Allow", "GET, HEAD, OPTIONS");
    given()
        .options("/v1/agents/" + UUID.randomUUID() + "/aliases/prod")
        .then()
        .statusCode(204)
        .header("Allow", "DELETE, GET, HEAD, OPTIONS, PUT");
    given().options(run + "/replay").then().statusCode(204).header("Allow", "OPTIONS, POST");
    given()
        .options(run + "/transcript")
        .then()
        .statusCode(204)
        .header("Allow", "GET, HEAD, OPTIONS");
    given()
        .options(run + "/compare/" + UUID.randomUUID())
        .then()
        .statusCode(204)
        .header("Allow", "GET, HEAD, OPTIONS");
    given().options("/v1/secrets").then().statusCode(204).header("Allow", "GET, HEAD, OPTIONS");
    given().options("/v1/approvals").then().statusCode(204).header("Allow", "GET, HEAD, OPTIONS");
    given()
        .options("/v1/secrets/OPENAI_KEY")
        .then()
        .statusCode(204)
        .header("Allow", "DELETE, GET, HEAD, OPTIONS, PUT");
  }

  @Test
  void aMethodThePathDoesNotAllowIsA405ProblemWithAllow() {
    String tenant = TestApi.newTenant();
    for (String method : List.of("DELETE", "PUT", "PATCH")) {
      as(tenantToken(tenant))
          .body("{}")
          .request(method, "/v1/runs/" + UUID.randomUUID())
          .then()
          .statusCode(405)
          .contentType("application/problem+json")
          .body("status", equalTo(405))
          .header("Allow", "GET, HEAD, OPTIONS");
    }
    as(tenantToken(tenant))
        .body("{}")
        .post("/v1/tenants/" + tenant)
        .then()
        .statusCode(405)
        .header("Allow", "DELETE, GET, HEAD, OPTIONS");
  }

  @Test
  void everyDocumentedOperationIsKnownToAllow() throws Exception {
    JsonNode paths =
        new ObjectMapper()
            .readTree(given().accept("application/json").get("/q/openapi?format=json").asString())
            .get("paths");
    List<String> missing = new ArrayList<>();
    paths
        .fields()
        .forEachRemaining(
            path -> {
              String concrete = path.getKey().replaceAll("\\{[^}]+}", "x");
              TreeSet<String> documented = new TreeSet<>();
              path.getValue().fieldNames().forEachRemaining(m -> documented.add(m.toUpperCase()));
              documented.retainAll(List.of("GET", "POST", "PUT", "PATCH", "DELETE"));
              String allow = allowed.allow(concrete).orElse("");
              for (String method : documented) {
                if (!List.of(allow.split(", ")).contains(method)) {
                  missing.add(method + " " + path.getKey());
                }
              }
            });
    assertThat(missing).isEmpty();
    assertThat(paths.size()).isGreaterThanOrEqualTo(8);
  }
}
