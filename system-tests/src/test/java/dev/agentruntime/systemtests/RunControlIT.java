package dev.agentruntime.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentruntime.standalone.Stack;
import dev.agentruntime.testkit.FakeOpenAiServer;
import io.restassured.path.json.JsonPath;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Cancel, pause/resume and live events on the packaged API and worker over a real Temporal server:
 * what a platform team does from a terminal while a run is in flight.
 */
@ExtendWith(E2EStack.class)
class RunControlIT {

  @Test
  void aCancelledRunEndsWithinSecondsAndStartsNoLaterStep() throws Exception {
    Stack stack = E2EStack.stack();
    ApiClient api = ApiClient.newTenant(stack);
    api.createAgentWithDefaults("cancellable", E2EStack.model().baseUrl());
    FakeOpenAiServer model = E2EStack.model().holdCall(1);
    String runId = api.startRun("cancellable", "cancel me");
    assertThat(model.awaitHeld(Duration.ofSeconds(60))).as("model call in flight").isTrue();

    long asked = System.nanoTime();
    api.request()
        .body(Map.of("reason", "wrong input"))
        .post("/v1/runs/" + runId + "/cancel")
        .then()
        .statusCode(202)
        .extract()
        .path("status");
    JsonPath run = api.awaitEnd(runId, Duration.ofSeconds(15));
    long cancelMillis = (System.nanoTime() - asked) / 1_000_000;
    model.release();
    System.out.printf("cancel latency (request to status cancelled): %d ms%n", cancelMillis);

    assertThat(run.getString("status")).isEqualTo("cancelled");
    assertThat(run.getString("statusReason")).startsWith("cancelled by ").endsWith(": wrong input");
    List<String> types = api.eventTypes(runId);
    assertThat(types).contains("run.cancel_requested");
    assertThat(types.get(types.size() - 1)).isEqualTo("run.cancelled");
    // The released call's answer is never used: no step follows, nothing more is recorded.
    Thread.sleep(3000);
    assertThat(api.eventTypes(runId)).isEqualTo(types);
    String workflowId = run.getString("workflowId");
    assertThat(model.calls().stream().filter(c -> key(c).startsWith(workflowId + "/"))).hasSize(1);
    api.request().post("/v1/runs/" + runId + "/cancel").then().statusCode(202);
  }

  @Test
  void aPausedRunHoldsAndGoesOnWhenResumed() {
    Stack stack = E2EStack.stack();
    ApiClient api = ApiClient.newTenant(stack);
    api.createAgentWithDefaults("pausable", E2EStack.model().baseUrl());
    FakeOpenAiServer model = E2EStack.model().holdCall(1);
    String runId = api.startRun("pausable", "pause me");
    try {
      assertThat(model.awaitHeld(Duration.ofSeconds(60))).isTrue();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }

    api.request().post("/v1/runs/" + runId + "/pause").then().statusCode(202);
    model.release();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> "paused".equals(api.run(runId).getString("status")));
    api.request().post("/v1/runs/" + runId + "/resume").then().statusCode(202);

    assertThat(api.awaitEnd(runId, Duration.ofSeconds(60)).getString("status"))
        .isEqualTo("succeeded");
    assertThat(api.eventTypes(runId))
        .containsSubsequence(
            "run.pause_requested",
            "run.paused",
            "run.resume_requested",
            "run.resumed",
            "tool.call.completed",
            "run.succeeded");
  }

  @Test
  void aLiveStreamDroppedMidRunResumesWithNothingMissedOrRepeated() throws Exception {
    Stack stack = E2EStack.stack();
    ApiClient api = ApiClient.newTenant(stack);
    api.createAgentWithDefaults("watched", E2EStack.model().baseUrl());
    FakeOpenAiServer model = E2EStack.model().holdCall(2);
    String runId = api.startRun("watched", "watch me");

    HttpClient http = HttpClient.newHttpClient();
    List<String> ids = new ArrayList<>();
    // First connection: read until step 2's model call is in flight, then drop it.
    try (BufferedReader first = stream(http, stack, api, runId, null)) {
      assertThat(model.awaitHeld(Duration.ofSeconds(60))).isTrue();
      readUntil(first, ids, "tool.call.completed");
    }
    model.release();
    // Second connection resumes from the last id seen and reads to the end.
    List<String> types = new ArrayList<>();
    try (BufferedReader second = stream(http, stack, api, runId, ids.get(ids.size() - 1))) {
      types.addAll(readUntil(second, ids, "run.succeeded"));
      // The rest of the terminal frame, then the end of the stream: no further event follows.
      List<String> rest = new ArrayList<>();
      for (String line = second.readLine(); line != null; line = second.readLine()) {
        rest.add(line);
      }
      assertThat(rest).noneMatch(line -> line.startsWith("id:"));
    }

    int events = api.events(runId).size();
    List<String> expected = new ArrayList<>();
    for (int seq = 1; seq <= events; seq++) {
      expected.add(Integer.toString(seq));
    }
    assertThat(ids).isEqualTo(expected);
    assertThat(types).endsWith("run.succeeded");
  }

  private static BufferedReader stream(
      HttpClient http, Stack stack, ApiClient api, String runId, String lastEventId)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(stack.apiUrl() + "/v1/runs/" + runId + "/events"))
            .header("Accept", "text/event-stream")
            .header("Authorization", "Bearer " + api.token());
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    HttpResponse<java.io.InputStream> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    return new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
  }

  /** Reads SSE frames, collecting their ids, until one of type {@code lastType}; their types. */
  private static List<String> readUntil(BufferedReader reader, List<String> ids, String lastType)
      throws Exception {
    List<String> types = new ArrayList<>();
    String line;
    while ((line = reader.readLine()) != null) {
      if (line.startsWith("id:")) {
        ids.add(line.substring(3).trim());
      } else if (line.startsWith("event:")) {
        String type = line.substring(6).trim();
        types.add(type);
        if (type.equals(lastType)) {
          return types;
        }
      }
    }
    throw new AssertionError("stream ended before " + lastType + "; saw " + types);
  }

  private static String key(FakeOpenAiServer.Call call) {
    return call.idempotencyKey() == null ? "" : call.idempotencyKey();
  }
}
