package dev.agentruntime.api.run;

import static dev.agentruntime.api.TestApi.as;
import static dev.agentruntime.api.TestApi.tenantToken;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.agentruntime.api.ApiTestServices;
import dev.agentruntime.api.TestApi;
import dev.agentruntime.api.security.Roles;
import dev.agentruntime.storage.ObjectStore;
import dev.agentruntime.storage.StoredObject;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * Artifacts' bytes and the run's output, read by the API from a real S3 server where they were put
 * as the worker puts them.
 */
@QuarkusTest
@WithTestResource(value = ApiTestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ArtifactContentTest {

  @Inject ObjectStore objects;

  private record Run(String tenant, String id) {}

  private static Run newRun() {
    String tenant = TestApi.newTenant();
    String agentId = TestApi.agentWithVersion(tenant, "writer");
    return new Run(tenant, TestApi.startRun(tenant, agentId));
  }

  private static String content(Run run, String name) {
    return "/v1/runs/" + run.id() + "/artifacts/" + name + "/content";
  }

  @Test
  void aViewerDownloadsTheBytesWithTheirTypeLengthEtagAndFileName() throws Exception {
    Run run = newRun();
    String text = "# Report\n\nAll good: ünïcode too.\n";
    StoredObject stored =
        TestArtifacts.store(objects, run.tenant(), run.id(), "report.md", text, "text/markdown");

    Response response =
        given()
            .auth()
            .oauth2(TestApi.tokenWithRoles(run.tenant(), Roles.VIEWER))
            .get(content(run, "report.md"));

    response
        .then()
        .statusCode(200)
        .contentType("text/markdown")
        .header("Content-Length", String.valueOf(stored.sizeBytes()))
        .header("ETag", "\"" + TestArtifacts.sha256(text) + "\"")
        .header("Content-Disposition", "attachment; filename=\"report.md\"");
    assertThat(response.asByteArray())
        .isEqualTo(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void anotherTenantsRunOrArtifactIsNotFound() throws Exception {
    Run run = newRun();
    TestArtifacts.store(objects, run.tenant(), run.id(), "secret.txt", "theirs", "text/plain");
    Run other = newRun();

    // The other tenant's token on the first tenant's run: no such run, as for every other path.
    as(tenantToken(other.tenant()))
        .get(content(run, "secret.txt"))
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("detail", equalTo("Run " + run.id() + " was not found"));
    // Its own run, the other's artifact name: its run has no such artifact.
    as(tenantToken(other.tenant()))
        .get(content(other, "secret.txt"))
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  @Test
  void anUnknownNameIsNotFoundNamingIt() {
    Run run = newRun();

    as(tenantToken(run.tenant()))
        .get(content(run, "nothing.txt"))
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("detail", containsString("'nothing.txt'"));
  }

  @Test
  void aSmallTextOutputIsInTheRunsAnswerAndOnlyItsLinkInTheListing() throws Exception {
    Run run = newRun();
    as(tenantToken(run.tenant())).get("/v1/runs/" + run.id()).then().body("output", nullValue());
    String answer = "{\"answer\": 42}";
    TestArtifacts.store(objects, run.tenant(), run.id(), "output", answer, "application/json");
    String href = content(run, "output");

    as(tenantToken(run.tenant()))
        .get("/v1/runs/" + run.id())
        .then()
        .statusCode(200)
        .body("output.contentType", equalTo("application/json"))
        .body("output.sizeBytes", equalTo(answer.length()))
        .body("output.text", equalTo(answer))
        .body("output.href", equalTo(href));
    as(tenantToken(run.tenant()))
        .get("/v1/runs")
        .then()
        .statusCode(200)
        .body("items.find { it.id == '" + run.id() + "' }.output.href", equalTo(href))
        .body("items.find { it.id == '" + run.id() + "' }.output.text", nullValue());
  }

  @Test
  void anOutputOverTheCapHasNoTextButItsLinkServesIt() throws Exception {
    Run run = newRun();
    String answer = "x".repeat(RunOutputs.TEXT_CAP_BYTES + 1);
    TestArtifacts.store(objects, run.tenant(), run.id(), "output", answer, "text/plain");

    String href =
        as(tenantToken(run.tenant()))
            .get("/v1/runs/" + run.id())
            .then()
            .statusCode(200)
            .body("output.sizeBytes", equalTo(RunOutputs.TEXT_CAP_BYTES + 1))
            .body("output.text", nullValue())
            .extract()
            .path("output.href");

    assertThat(as(tenantToken(run.tenant())).get(href).then().statusCode(200).extract().asString())
        .isEqualTo(answer);
  }

  @Test
  void anOutputAtTheCapIsStillShown() throws Exception {
    Run run = newRun();
    String answer = "y".repeat(RunOutputs.TEXT_CAP_BYTES);
    TestArtifacts.store(objects, run.tenant(), run.id(), "output", answer, "text/plain");

    as(tenantToken(run.tenant()))
        .get("/v1/runs/" + run.id())
        .then()
        .statusCode(200)
        .body("output.text", equalTo(answer));
  }
}
