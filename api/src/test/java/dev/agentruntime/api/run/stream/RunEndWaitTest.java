package dev.agentruntime.api.run.stream;

import static dev.agentruntime.api.TestApi.as;
import static dev.agentruntime.api.TestApi.tenantToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.agentruntime.api.ApiTestServices;
import dev.agentruntime.api.TestApi;
import dev.agentruntime.core.run.RunEventTypes;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v1/runs/{id}?waitSeconds=N}: a bounded long poll that answers when the run ends,
 * woken by the run's events (no worker runs here: the test appends the terminal event as the
 * worker's projection does).
 */
@QuarkusTest
@WithTestResource(value = ApiTestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RunEndWaitTest {

  @Inject RunEndWaits waits;

  @Test
  void aWaitAnswersAsSoonAsTheRunEndsWithTheEndedRun() throws Exception {
    TestRuns.Run run = TestRuns.newRun();
    long started = System.nanoTime();
    CompletableFuture<Response> waiting =
        CompletableFuture.supplyAsync(
            () -> as(run.token()).get("/v1/runs/" + run.id() + "?waitSeconds=40"));
    awaitWaiters(1);
    // A non-terminal event wakes the wait, which sees the run has not ended and waits on.
    TestRuns.append(run, RunEventTypes.RUN_STARTED);
    Thread.sleep(300);
    assertThat(waiting).isNotDone();

    finish(run, "succeeded", RunEventTypes.RUN_SUCCEEDED);
    Response answer = waiting.get(20, TimeUnit.SECONDS);

    answer
        .then()
        .statusCode(200)
        .body("id", equalTo(run.id()))
        .body("status", equalTo("succeeded"));
    // Well before the 40 s it was allowed to wait: the end woke it.
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
    assertThat(waits.waiting()).isZero();
  }

  @Test
  void aWaitThatRunsOutAnswersTheRunAsItIs() {
    TestRuns.Run run = TestRuns.newRun();
    long started = System.nanoTime();

    as(run.token())
        .get("/v1/runs/" + run.id() + "?waitSeconds=1")
        .then()
        .statusCode(200)
        .body("status", equalTo("queued"));

    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(waits.waiting()).isZero();
  }

  @Test
  void anEndedRunIsAnsweredWithoutWaiting() throws Exception {
    TestRuns.Run run = TestRuns.newRun();
    finish(run, "failed", RunEventTypes.RUN_FAILED);
    long started = System.nanoTime();

    as(run.token())
        .get("/v1/runs/" + run.id() + "?waitSeconds=50")
        .then()
        .statusCode(200)
        .body("status", equalTo("failed"));

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(25));
  }

  @Test
  void anotherTenantsRunOrNoRunIsNotFoundWithoutWaiting() {
    TestRuns.Run run = TestRuns.newRun();
    String stranger = tenantToken(TestApi.newTenant());
    long started = System.nanoTime();

    as(stranger).get("/v1/runs/" + run.id() + "?waitSeconds=50").then().statusCode(404);
    as(run.token()).get("/v1/runs/" + UUID.randomUUID() + "?waitSeconds=50").then().statusCode(404);

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(25));
    assertThat(waits.waiting()).isZero();
  }

  @Test
  void aWaitOutsideItsBoundsIsABadRequestNamingIt() {
    TestRuns.Run run = TestRuns.newRun();
    for (String value : new String[] {"-1", "51", "ten", "", "1.5"}) {
      as(run.token())
          .get("/v1/runs/" + run.id() + "?waitSeconds=" + value)
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("violations.field", hasItem("waitSeconds"));
    }
  }

  private void awaitWaiters(int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (waits.waiting() < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no wait was registered");
      }
      Thread.sleep(20);
    }
  }

  /** What the worker's projection does when a run ends: its status, then its terminal event. */
  private static void finish(TestRuns.Run run, String status, String terminalType)
      throws Exception {
    try (var c = TestApi.db();
        var s = c.prepareStatement("update run set status = ? where id = ?::uuid")) {
      s.setString(1, status);
      s.setString(2, run.id());
      s.executeUpdate();
    }
    TestRuns.append(run, terminalType);
  }
}
