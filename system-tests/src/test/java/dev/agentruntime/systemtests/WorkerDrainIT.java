package dev.agentruntime.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentruntime.standalone.AppProcess;
import dev.agentruntime.standalone.Stack;
import dev.agentruntime.testkit.FakeOpenAiServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SIGTERM to a worker mid-step (what {@code docker stop} and ECS send before SIGKILL): the worker
 * stops polling at once, lets the step in flight finish within its shutdown grace, and exits; a
 * step longer than the grace is interrupted and retried by the next worker.
 */
@ExtendWith(E2EStack.class)
class WorkerDrainIT {

  /** The worker's default {@code agent-runtime.worker.shutdown-grace}. */
  private static final Duration GRACE = Duration.ofSeconds(20);

  /**
   * How long the model call stays in flight after SIGTERM: past the 10 s heartbeat timeout, so the
   * attempt survives only if the draining worker keeps heartbeating it.
   */
  private static final Duration CALL_AFTER_SIGTERM = Duration.ofSeconds(14);

  /** The JVM's status after an orderly shutdown begun by SIGTERM (128 + 15). */
  private static final int SIGTERM_EXIT = 143;

  private static final Duration EXIT_MARGIN = Duration.ofSeconds(10);

  @Test
  void sigtermMidModelCallLetsTheCallFinishOnceAndTheNextWorkerEndsTheRun() throws Exception {
    Stack stack = E2EStack.stack();
    E2ETenant api = E2ETenant.newTenant(stack);
    api.createAgentWithDefaults("drained", E2EStack.model().baseUrl());
    FakeOpenAiServer model = E2EStack.model().holdCall(1);
    String inFlight = api.startRun("drained", "finish before you go");
    assertThat(model.awaitHeld(Duration.ofSeconds(60))).as("step 1 model call in flight").isTrue();

    AppProcess draining = stack.worker();
    long sigterm = System.nanoTime();
    draining.terminate();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> logContains(draining.log(), "draining: polling stopped"));
    // Started once polling stopped: nothing may take it until the next worker polls.
    String queued = api.startRun("drained", "wait for the next worker");
    Thread.sleep(Math.max(0, CALL_AFTER_SIGTERM.toMillis() - millisSince(sigterm)));
    assertThat(draining.isAlive()).as("worker still draining").isTrue();
    model.release();

    assertThat(draining.awaitExit(GRACE.plus(EXIT_MARGIN))).as("worker exited by itself").isTrue();
    long exitedAfter = millisSince(sigterm);
    assertThat(draining.exitCode()).isEqualTo(SIGTERM_EXIT);
    assertThat(logContains(draining.log(), "drained in")).as("drain end logged").isTrue();
    String queuedWorkflow = api.run(queued).getWorkflowId();
    assertThat(callsOf(model, queuedWorkflow)).as("queued run's calls while draining").isEmpty();
    System.out.printf(
        "[drain] SIGTERM -> call released %d ms -> worker exited %d ms (grace %s)%n",
        CALL_AFTER_SIGTERM.toMillis(), exitedAfter, GRACE);

    stack.startNewWorker();
    RunChecks.succeededExactlyOnce(api, inFlight, 2, 1);
    RunChecks.succeededExactlyOnce(api, queued, 2, 1);
    String workflowId = api.run(inFlight).getWorkflowId();
    String stepKey = callsOf(model, workflowId).get(0).idempotencyKey();
    assertThat(model.callsWithKey(stepKey)).as("calls of the drained step").isEqualTo(1);
    assertThat(api.eventTypes(inFlight)).doesNotContain("model.call.failed");
    assertThat(modelCallAttempts(api, inFlight)).containsExactly(1, 1);
    assertThat(ActivityHistory.of(E2EStack.temporalTarget(), workflowId, activityId(stepKey)))
        .isEqualTo(new ActivityHistory(1, true));
  }

  @Test
  void aCallLongerThanTheGraceIsInterruptedAndItsStepRetriedByTheNextWorker() throws Exception {
    Stack stack = E2EStack.stack();
    E2ETenant api = E2ETenant.newTenant(stack);
    api.createAgentWithDefaults("abandoned", E2EStack.model().baseUrl());
    stack.worker().terminate();
    assertThat(stack.worker().awaitExit(GRACE.plus(EXIT_MARGIN))).isTrue();
    stack.startNewWorker(Map.of("agent-runtime.worker.shutdown-grace", "2s"));
    FakeOpenAiServer model = E2EStack.model().holdCall(1);
    try {
      String runId = api.startRun("abandoned", "too slow to wait for");
      assertThat(model.awaitHeld(Duration.ofSeconds(60)))
          .as("step 1 model call in flight")
          .isTrue();

      AppProcess draining = stack.worker();
      long sigterm = System.nanoTime();
      draining.terminate();
      // Grace, then up to 5 s for the interrupted call to report (WorkerDrain.REPORT_WAIT).
      assertThat(draining.awaitExit(Duration.ofSeconds(7).plus(EXIT_MARGIN))).isTrue();
      long exitedAfter = millisSince(sigterm);
      assertThat(draining.exitCode()).isEqualTo(SIGTERM_EXIT);
      assertThat(logContains(draining.log(), "drain grace PT2S exceeded")).isTrue();
      System.out.printf("[drain] grace 2 s: worker exited %d ms after SIGTERM%n", exitedAfter);

      stack.startNewWorker();
      model.release(); // the abandoned exchange ends; its answer reaches nobody
      RunChecks.succeededExactlyOnce(api, runId, 2, 1);
      String workflowId = api.run(runId).getWorkflowId();
      String stepKey = callsOf(model, workflowId).get(0).idempotencyKey();
      assertThat(model.callsWithKey(stepKey)).as("calls of the interrupted step").isEqualTo(2);
      // The interrupted attempt reported its failure before the worker exited: recorded on the
      // run's timeline, retried by Temporal at once rather than after the heartbeat timeout.
      assertThat(api.eventTypes(runId)).filteredOn("model.call.failed"::equals).hasSize(1);
      assertThat(modelCallAttempts(api, runId)).containsExactly(2, 1);
      assertThat(ActivityHistory.of(E2EStack.temporalTarget(), workflowId, activityId(stepKey)))
          .isEqualTo(new ActivityHistory(2, true));
    } finally {
      model.release();
    }
  }

  private static List<FakeOpenAiServer.Call> callsOf(FakeOpenAiServer model, String workflowId) {
    return model.calls().stream()
        .filter(c -> c.idempotencyKey() != null && c.idempotencyKey().startsWith(workflowId + "/"))
        .toList();
  }

  /** The idempotency key of a model call is {@code <workflow id>/<activity id>}. */
  private static String activityId(String idempotencyKey) {
    return idempotencyKey.substring(idempotencyKey.lastIndexOf('/') + 1);
  }

  private static List<Object> modelCallAttempts(E2ETenant api, String runId) {
    return api.events(runId).stream()
        .filter(e -> "model.call.completed".equals(e.getType().getValue()))
        .map(e -> e.getPayload().path("attempt").asInt())
        .map(Object.class::cast)
        .toList();
  }

  private static boolean logContains(Path log, String text) {
    try {
      return Files.readString(log).contains(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }
}
