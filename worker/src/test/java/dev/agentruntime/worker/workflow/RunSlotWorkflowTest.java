package dev.agentruntime.worker.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.core.run.RunStatus;
import dev.agentruntime.core.workflow.AgentRunWorkflow;
import dev.agentruntime.core.workflow.RunControl;
import dev.agentruntime.core.workflow.RunOutcome;
import dev.agentruntime.core.workflow.RunWorkflowInput;
import dev.agentruntime.worker.TestSpecs;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A tenant's concurrency cap on the real workflow and activities, Temporal's test server and
 * PostgreSQL: runs beyond the cap wait {@code queued}, never refused, and start in admission order
 * as slots free, woken by the run that ended rather than by their own poll.
 */
class RunSlotWorkflowTest extends WholeRunTest {

  @Test
  void runsBeyondTheCapWaitQueuedAndStartInOrderAsSlotsFree() throws Exception {
    RunWorkflowInput first = infra.seedRun(TestSpecs.openAi(model.baseUrl()), input("first"));
    capAt(first, 1);
    RunWorkflowInput second = infra.seedRunOfSameVersion(first, input("second"));
    RunWorkflowInput third = infra.seedRunOfSameVersion(first, input("third"));
    model.holdCallsContaining("first");

    harness.start(first);
    assertThat(model.awaitHeld(Duration.ofSeconds(30))).isTrue();
    // The later run's workflow starts first: it still waits for the earlier one.
    harness.start(third);
    harness.start(second);
    Thread.sleep(1_500);
    for (RunWorkflowInput waiting : new RunWorkflowInput[] {second, third}) {
      Map<String, Object> row = infra.runRow(waiting);
      assertThat(row.get("status")).isEqualTo("queued");
      assertThat(row.get("started_at")).isNull();
    }

    model.release();
    for (RunWorkflowInput run : new RunWorkflowInput[] {first, second, third}) {
      RunOutcome outcome = harness.outcome(run, Duration.ofSeconds(60));
      assertThat(outcome.status()).as(outcome.reason()).isEqualTo(RunStatus.SUCCEEDED);
    }
    // One at a time, in admission order: each began after the one before it ended ...
    assertThat(started(second)).isAfterOrEqualTo(finished(first));
    assertThat(started(third)).isAfterOrEqualTo(finished(second));
    // ... and promptly: the ending run woke it, well before its own poll would have.
    assertThat(Duration.between(finished(first), started(second)))
        .isLessThan(RunSlot.POLL.dividedBy(3));
    assertThat(Duration.between(finished(second), started(third)))
        .isLessThan(RunSlot.POLL.dividedBy(3));
    harness.recordHistory(second, "agent-run-slot-wait-v1.json");
  }

  @Test
  void aRunCancelledWhileWaitingNeverBeginsAndTheNextOneTakesItsTurn() throws Exception {
    RunWorkflowInput first = infra.seedRun(TestSpecs.openAi(model.baseUrl()), input("first"));
    capAt(first, 1);
    RunWorkflowInput second = infra.seedRunOfSameVersion(first, input("second"));
    RunWorkflowInput third = infra.seedRunOfSameVersion(first, input("third"));
    model.holdCallsContaining("first");
    harness.start(first);
    assertThat(model.awaitHeld(Duration.ofSeconds(30))).isTrue();
    AgentRunWorkflow waiting = harness.start(second);
    harness.start(third);

    waiting.cancel(new RunControl("ops", "not needed any more"));
    RunOutcome cancelled = harness.outcome(second, Duration.ofSeconds(30));

    assertThat(cancelled.status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(cancelled.reason())
        .isEqualTo("cancelled by ops: not needed any more (while it waited for a slot)");
    assertThat(cancelled.steps()).isZero();
    assertThat(infra.runRow(second).get("started_at")).isNull();
    assertThat(infra.runRow(third).get("status")).isEqualTo("queued");
    model.release();
    assertThat(harness.outcome(third, Duration.ofSeconds(60)).status())
        .isEqualTo(RunStatus.SUCCEEDED);
    assertThat(started(third)).isAfterOrEqualTo(finished(first));
  }

  @Test
  void aRunCancelledWhileWaitingWakesTheRunBehindItWhenASlotIsFree() throws Exception {
    RunWorkflowInput first = infra.seedRun(TestSpecs.openAi(model.baseUrl()), input("first"));
    capAt(first, 1);
    RunWorkflowInput second = infra.seedRunOfSameVersion(first, input("second"));
    RunWorkflowInput third = infra.seedRunOfSameVersion(first, input("third"));
    model.holdCallsContaining("first");
    harness.start(first);
    assertThat(model.awaitHeld(Duration.ofSeconds(30))).isTrue();
    AgentRunWorkflow waiting = harness.start(second);
    harness.start(third);
    Thread.sleep(1_000);
    // A second slot, given without a wake-up: only the second run stands in the third's way.
    infra.execute(
        "update tenant_policy set max_concurrent_runs = 2 where tenant_id = ?", first.tenantId());
    long cancelledAt = System.nanoTime();
    waiting.cancel(new RunControl("ops", "not needed any more"));

    RunOutcome thirdOutcome = harness.outcome(third, Duration.ofSeconds(60));
    assertThat(thirdOutcome.status()).as(thirdOutcome.reason()).isEqualTo(RunStatus.SUCCEEDED);
    // It began while the first still held its slot, and well before its own poll was due.
    assertThat(Duration.ofNanos(System.nanoTime() - cancelledAt))
        .isLessThan(RunSlot.POLL.dividedBy(3));
    assertThat(infra.runRow(first).get("status")).isEqualTo("running");
    model.release();
    assertThat(harness.outcome(first, Duration.ofSeconds(60)).status())
        .isEqualTo(RunStatus.SUCCEEDED);
  }

  private static String input(String message) {
    return "{\"message\": \"" + message + "\"}";
  }

  private static void capAt(RunWorkflowInput run, int max) {
    infra.execute(
        "insert into tenant_policy (tenant_id, max_concurrent_runs, updated_by)"
            + " values (?, ?, 'test')",
        run.tenantId(),
        max);
  }

  private static Instant started(RunWorkflowInput run) {
    return ((Timestamp) infra.runRow(run).get("started_at")).toInstant();
  }

  private static Instant finished(RunWorkflowInput run) {
    return ((Timestamp) infra.runRow(run).get("finished_at")).toInstant();
  }
}
