package dev.agentruntime.api.ops;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.agentruntime.api.ApiTestServices;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = ApiTestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class OperationsEndpointsTest {

  @Test
  void readinessChecksTheDatabaseAndTheDependenciesGroupTemporalAndRedis() {
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.name", hasItem(containsString("Database")))
        .body("checks.name", not(hasItem("Temporal")))
        .body("checks.name", not(hasItem("Redis")));
    given()
        .get("/q/health/group/dependencies")
        .then()
        .statusCode(200)
        .body("checks.find { it.name == 'Temporal' }.status", equalTo("UP"))
        .body("checks.find { it.name == 'Redis' }.status", equalTo("UP"));
  }

  @Test
  void theOpenApiDocumentListsThePublicRoutes() {
    given()
        .accept("application/json")
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .body(containsString("/v1/runs/{runId}/events"))
        .body(containsString("/v1/agents/{agentId}/versions"))
        .body(containsString("/v1/tenants"));
  }

  @Test
  void anUnknownPathIsAProblemNotFound() {
    given().get("/v1/nothing-here").then().statusCode(404).contentType("application/problem+json");
  }
}
