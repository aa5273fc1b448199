package dev.agentruntime.api.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import dev.agentruntime.api.ApiTestServices;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

/** The console's files as the API serves them: no token needed, a strict policy on every one. */
@QuarkusTest
@WithTestResource(value = ApiTestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ConsoleRoutesTest {

  @Test
  void thePageAndItsScriptsComeWithAPolicyThatAllowsNoInlineScript() {
    for (String path : new String[] {"/console/", "/console/js/main.js", "/console/console.css"}) {
      given()
          .get(path)
          .then()
          .statusCode(200)
          .header("Content-Security-Policy", containsString("script-src 'self';"))
          .header("Content-Security-Policy", not(containsString("unsafe-inline")))
          .header("Content-Security-Policy", not(containsString("unsafe-eval")))
          .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
          .header("Content-Security-Policy", containsString("connect-src 'self';"))
          .header("X-Content-Type-Options", "nosniff")
          .header("X-Frame-Options", "DENY");
    }
    given().get("/console/").then().contentType(containsString("text/html"));
    given().get("/console/js/main.js").then().contentType(containsString("javascript"));
  }

  @Test
  void consoleWithoutASlashGoesToThePage() {
    given()
        .redirects()
        .follow(false)
        .get("/console")
        .then()
        .statusCode(301)
        .header("Location", "/console/");
  }

  @Test
  void withoutAnIssuerTheConsoleSignsInByTokenOnly() {
    given()
        .get("/console/config.json")
        .then()
        .statusCode(200)
        .header("Cache-Control", "no-store")
        .body("oidc", nullValue());
  }

  @Test
  void aFileThatIsNotThereIsA404WithThePolicyToo() {
    given()
        .get("/console/js/nothing-here.js")
        .then()
        .statusCode(404)
        .header("Content-Security-Policy", containsString("default-src 'none'"));
  }

  @Test
  void theApiItselfIsUnchanged() {
    RestAssured.given()
        .get("/v1/runs")
        .then()
        .statusCode(401)
        .header("Content-Security-Policy", equalTo(null));
  }
}
