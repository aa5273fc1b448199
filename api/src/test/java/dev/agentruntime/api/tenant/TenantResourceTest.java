package dev.agentruntime.api.tenant;

import static dev.agentruntime.api.TestApi.as;
import static dev.agentruntime.api.TestApi.count;
import static dev.agentruntime.api.TestApi.platformAdminToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import dev.agentruntime.api.ApiTestServices;
import dev.agentruntime.api.TestApi;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = ApiTestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class TenantResourceTest {

  private static String freshId() {
    return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  @Test
  void platformAdminCreatesAndReadsATenant() {
    String id = freshId();
    as(platformAdminToken())
        .body(Map.of("id", id, "displayName", "Acme"))
        .post("/v1/tenants")
        .then()
        .statusCode(201)
        .header("Location", org.hamcrest.Matchers.endsWith("/v1/tenants/" + id))
        .body("id", equalTo(id))
        .body("displayName", equalTo("Acme"))
        .body("createdAt", notNullValue());

    as(platformAdminToken())
        .get("/v1/tenants/" + id)
        .then()
        .statusCode(200)
        .body("displayName", equalTo("Acme"));
    as(platformAdminToken()).get("/v1/tenants").then().statusCode(200).body("id", hasItem(id));
  }

  @Test
  void creatingAnExistingTenantIsAConflict() throws Exception {
    String id = TestApi.newTenant();
    as(platformAdminToken())
        .body(Map.of("id", id, "displayName", "Again"))
        .post("/v1/tenants")
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .header("Location", "/v1/tenants/" + id)
        .body("status", equalTo(409));
    assertThat(count("tenant", "id = ? and display_name = 'Again'", id)).isZero();
  }

  @Test
  void tenantRolesCannotManageTenants() throws Exception {
    String tenant = TestApi.newTenant();
    String id = freshId();
    as(TestApi.tenantToken(tenant))
        .body(Map.of("id", id, "displayName", "Sneaky"))
        .post("/v1/tenants")
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
    as(TestApi.tenantToken(tenant)).get("/v1/tenants").then().statusCode(403);
    as(TestApi.tenantToken(tenant)).get("/v1/tenants/" + tenant).then().statusCode(403);
    assertThat(count("tenant", "id = ?", id)).isZero();
  }

  @Test
  void aTenantIdThatBreaksTheNamingRuleIsRefusedWithItsViolation() throws Exception {
    as(platformAdminToken())
        .body(Map.of("id", "Bad_Id", "displayName", "x"))
        .post("/v1/tenants")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("violations.field", hasItem("id"));
    assertThat(count("tenant", "id = 'Bad_Id'")).isZero();
  }

  @Test
  void anUnknownTenantIsNotFound() {
    as(platformAdminToken())
        .get("/v1/tenants/" + freshId())
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }
}
