package dev.agentruntime.api.openapi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentruntime.api.ApiTestServices;
import dev.agentruntime.api.security.ResourceRoles;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every /v1 operation requires the bearer scheme with exactly the roles its {@code @RolesAllowed}
 * names; the document and Swagger UI themselves are public.
 */
@QuarkusTest
@WithTestResource(value = ApiTestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class OpenApiSecurityTest {

  private ServedDocument document;

  @BeforeEach
  void fetch() throws Exception {
    document = ServedDocument.fetch();
  }

  @Test
  void theBearerSchemeIsAJwt() {
    JsonNode schemes = document.root().path("components").path("securitySchemes");
    assertThat(schemes.size()).isEqualTo(1);
    JsonNode bearer = schemes.path("bearer");
    assertThat(bearer.path("type").asText()).isEqualTo("http");
    assertThat(bearer.path("scheme").asText()).isEqualTo("bearer");
    assertThat(bearer.path("bearerFormat").asText()).isEqualTo("JWT");
  }

  @Test
  void everyOperationRequiresTheRolesOfItsMethod() {
    Map<String, List<String>> declared = new TreeMap<>();
    document
        .apiOperations()
        .forEach(
            (name, operation) -> {
              JsonNode security = operation.path("security");
              if (security.isMissingNode() || security.isEmpty()) {
                // Authenticated by something else than a token (a trigger's signature).
                declared.put(name, List.of(ResourceRoles.NO_TOKEN));
                return;
              }
              assertThat(security.size()).as("%s security requirements", name).isEqualTo(1);
              assertThat(security.get(0).size()).as(name).isEqualTo(1);
              List<String> roles = new ArrayList<>();
              security.get(0).path("bearer").forEach(r -> roles.add(r.asText()));
              declared.put(name, roles.stream().sorted().toList());
              String description = operation.path("description").asText();
              roles.forEach(
                  role ->
                      assertThat(description)
                          .as("%s description names its roles", name)
                          .contains("`" + role + "`"));
            });
    assertThat(declared).isEqualTo(ResourceRoles.byOperation());
    assertThat(document.root().has("security")).as("no document-wide requirement").isFalse();
  }

  @Test
  void theDocumentAndSwaggerUiArePublic() {
    given().get("/q/openapi").then().statusCode(200).body(containsString("openapi: 3.1"));
    given()
        .get("/q/swagger-ui/")
        .then()
        .statusCode(200)
        .contentType(containsString("text/html"))
        .body(containsString("swagger"));
  }

  @Test
  void swaggerUiIsPackagedIntoTheProductionApi() {
    // Swagger UI is only in dev and test builds unless always-include is set; the packaged API
    // (prod) serves it because of this build-time key.
    assertThat(
            ConfigProvider.getConfig().getValue("quarkus.swagger-ui.always-include", Boolean.class))
        .isTrue();
    assertThat(ConfigProvider.getConfig().getValue("quarkus.swagger-ui.path", String.class))
        .isEqualTo("/q/swagger-ui");
  }
}
