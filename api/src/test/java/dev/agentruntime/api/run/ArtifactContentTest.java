package dev.agentruntime.api.run;

import static dev.agentruntime.api.TestApi.as;
import static dev.agentruntime.api.TestApi.tenantToken;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.agentruntime.api.ApiTestServices;
import dev.agentruntime.api.LogCapture;
import dev.agentruntime.api.TestApi;
import dev.agentruntime.api.security.Roles;
import dev.agentruntime.storage.ObjectStore;
import dev.agentruntime.storage.StoredObject;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
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
        .header("Content-Disposition", "attachment; filename=\"report.md\"")
        .header("X-Content-Type-Options", "nosniff");
    assertThat(response.asByteArray())
        .isEqualTo(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** A model chooses the stored type; a browser must keep to it, not guess one from the bytes. */
  @Test
  void aDownloadForbidsTheBrowserToSniffAnotherType() throws Exception {
    Run run = newRun();
    String page = "<html><script>alert(1)</script></html>";
    TestArtifacts.store(objects, run.tenant(), run.id(), "notes.txt", page, "text/plain");

    given()
        .auth()
        .oauth2(TestApi.tokenWithRoles(run.tenant(), Roles.VIEWER))
        .get(content(run, "notes.txt"))
        .then()
        .statusCode(200)
        .contentType("text/plain")
        .header("X-Content-Type-Options", "nosniff");
  }

  /** As curl interrupted by Ctrl-C, or a proxy that drops the connection, leaves a download. */
  @Test
  void aDownloadWhoseClientWentAwayEndsWithoutAWarningOrError() throws Exception {
    Run run = newRun();
    TestArtifacts.store(
        objects, run.tenant(), run.id(), "big.txt", "z".repeat(8 * 1024 * 1024), "text/plain");
    try (LogCapture log = LogCapture.start()) {
      Socket socket = new Socket("localhost", RestAssured.port);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET "
                  + content(run, "big.txt")
                  + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                  + tenantToken(run.tenant())
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      assertThat(socket.getInputStream().read(new byte[256])).isPositive();
      socket.setSoLinger(true, 0);
      socket.close();
      // The API writes into the dead connection until it notices.
      Thread.sleep(2000);

      assertThat(log.logged())
          .filteredOn(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
          .extracting(LogCapture::lineOf)
          .isEmpty();
    }
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
