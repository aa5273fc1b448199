package dev.agentruntime.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentruntime.client.ApiResponse;
import dev.agentruntime.client.RunEventStream;
import dev.agentruntime.client.api.RunsApi;
import dev.agentruntime.client.model.RunControlRequest;
import dev.agentruntime.client.model.RunEventResponse;
import dev.agentruntime.client.model.RunResponse;
import dev.agentruntime.standalone.Stack;
import dev.agentruntime.testkit.FakeOpenAiServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
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
    E2ETenant api = E2ETenant.newTenant(stack);
    api.createAgentWithDefaults("cancellable", E2EStack.model().baseUrl());
    FakeOpenAiServer model = E2EStack.model().holdCall(1);
    String runId = api.startRun("cancellable", "cancel me");
    assertThat(model.awaitHeld(Duration.ofSeconds(60))).as("model call in flight").isTrue();

    long asked = System.nanoTime();
    RunsApi runs = api.client().runs();
    UUID id = UUID.fromString(runId);
    control(() -> runs.cancelRunWithHttpInfo(id, new RunControlRequest().reason("wrong input")));
    RunResponse run = api.awaitEnd(runId, Duration.ofSeconds(15));
    long cancelMillis = (System.nanoTime() - asked) / 1_000_000;
    model.release();
    System.out.printf("cancel latency (request to status cancelled): %d ms%n", cancelMillis);

    assertThat(run.getStatus().getValue()).isEqualTo("cancelled");
    assertThat(run.getStatusReason()).startsWith("cancelled by ").endsWith(": wrong input");
    List<String> types = api.eventTypes(runId);
    assertThat(types).contains("run.cancel_requested");
    assertThat(types.get(types.size() - 1)).isEqualTo("run.cancelled");
    // The released call's answer is never used: no step follows, nothing more is recorded.
    Thread.sleep(3000);
    assertThat(api.eventTypes(runId)).isEqualTo(types);
    String workflowId = run.getWorkflowId();
    assertThat(model.calls().stream().filter(c -> key(c).startsWith(workflowId + "/"))).hasSize(1);
    control(() -> runs.cancelRunWithHttpInfo(id, null));
  }

  @Test
  void aPausedRunHoldsAndGoesOnWhenResumed() {
    Stack stack = E2EStack.stack();
    E2ETenant api = E2ETenant.newTenant(stack);
    api.createAgentWithDefaults("pausable", E2EStack.model().baseUrl());
    FakeOpenAiServer model = E2EStack.model().holdCall(1);
    String runId = api.startRun("pausable", "pause me");
    try {
      assertThat(model.awaitHeld(Duration.ofSeconds(60))).isTrue();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }

    RunsApi runs = api.client().runs();
    UUID id = UUID.fromString(runId);
    control(() -> runs.pauseRunWithHttpInfo(id, null));
    model.release();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> "paused".equals(api.run(runId).getStatus().getValue()));
    control(() -> runs.resumeRunWithHttpInfo(id, null));

    assertThat(api.awaitEnd(runId, Duration.ofSeconds(60)).getStatus().getValue())
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
    E2ETenant api = E2ETenant.newTenant(stack);
    api.createAgentWithDefaults("watched", E2EStack.model().baseUrl());
    FakeOpenAiServer model = E2EStack.model().holdCall(2);
    String runId = api.startRun("watched", "watch me");

    UUID id = UUID.fromString(runId);
    List<Integer> ids = new ArrayList<>();
    // First connection: read until step 2's model call is in flight, then drop it.
    Integer lastSeen;
    try (RunEventStream first = E2ETenant.call(() -> api.client().streamEvents(id, null))) {
      assertThat(model.awaitHeld(Duration.ofSeconds(60))).isTrue();
      readUntil(first, ids, "tool.call.completed");
      lastSeen = first.lastEventId();
    }
    model.release();
    // Second connection resumes from the last id seen and reads to the end.
    List<String> types = new ArrayList<>();
    try (RunEventStream second = E2ETenant.call(() -> api.client().streamEvents(id, lastSeen))) {
      types.addAll(readUntil(second, ids, "run.succeeded"));
      // Then the end of the stream: no further event follows.
      assertThat(second.next()).isNull();
    }

    int events = api.events(runId).size();
    assertThat(ids).isEqualTo(IntStream.rangeClosed(1, events).boxed().toList());
    assertThat(types).endsWith("run.succeeded");
  }

  /** Reads events, collecting their seqs, until one of type {@code lastType}; their types. */
  private static List<String> readUntil(RunEventStream stream, List<Integer> ids, String lastType) {
    List<String> types = new ArrayList<>();
    for (RunEventResponse event = stream.next(); event != null; event = stream.next()) {
      ids.add(event.getSeq());
      types.add(event.getType().getValue());
      if (event.getType().getValue().equals(lastType)) {
        return types;
      }
    }
    throw new AssertionError("stream ended before " + lastType + "; saw " + types);
  }

  /** A control action the API accepts (202: recorded, the run acts on it at its next step). */
  private static void control(E2ETenant.Call<ApiResponse<RunResponse>> action) {
    assertThat(E2ETenant.call(action).getStatusCode()).isEqualTo(202);
  }

  private static String key(FakeOpenAiServer.Call call) {
    return call.idempotencyKey() == null ? "" : call.idempotencyKey();
  }
}
