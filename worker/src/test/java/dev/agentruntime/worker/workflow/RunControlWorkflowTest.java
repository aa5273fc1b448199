package dev.agentruntime.worker.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.core.activity.RunObjectKeys;
import dev.agentruntime.core.run.RunEventTypes;
import dev.agentruntime.core.run.RunStatus;
import dev.agentruntime.core.spec.AgentSpec;
import dev.agentruntime.core.spec.LimitsSpec;
import dev.agentruntime.core.spec.RetrySpec;
import dev.agentruntime.core.workflow.AgentRunWorkflow;
import dev.agentruntime.core.workflow.RunControl;
import dev.agentruntime.core.workflow.RunOutcome;
import dev.agentruntime.core.workflow.RunWorkflowInput;
import dev.agentruntime.worker.HangingHttpServer;
import dev.agentruntime.worker.RunHarness;
import dev.agentruntime.worker.TestInfrastructure.Event;
import dev.agentruntime.worker.TestSpecs;
import dev.agentruntime.worker.activity.RunStoreActivitiesImpl;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ChatMessageDeserializer;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Cancel, pause and resume of whole runs through the real workflow and activities (Temporal's test
 * server, PostgreSQL, S3, the real LangChain4j client over HTTP).
 */
class RunControlWorkflowTest extends WholeRunTest {

  private static final String INPUT = "{\"message\": \"Summarize the quarterly report\"}";
  private static final RunControl ALICE = new RunControl("alice", "wrong input");

  /** One attempt may take 90 s, so only a cancel can end a call that hangs. */
  private static final RetrySpec PATIENT = new RetrySpec(3, 100L, 1.0, 100L, 90);

  @Test
  void cancelEndsTheRunAtOnceAndAbortsTheModelCallInFlight() throws Exception {
    try (HangingHttpServer hanging = HangingHttpServer.start()) {
      RunWorkflowInput run = infra.seedRun(patient(hanging.baseUrl(), 60), INPUT);
      AgentRunWorkflow workflow = harness.start(run);
      assertThat(hanging.awaitRequest(Duration.ofSeconds(20))).isTrue();

      long cancelledAt = System.nanoTime();
      workflow.cancel(ALICE);
      RunOutcome outcome = harness.outcome(run, Duration.ofSeconds(5));
      long endedNanos = System.nanoTime() - cancelledAt;

      assertThat(outcome.status()).isEqualTo(RunStatus.CANCELLED);
      assertThat(outcome.reason()).isEqualTo("cancelled by alice: wrong input");
      assertThat(infra.runRow(run)).containsEntry("status", "cancelled");
      // The call learns of the cancel from its next heartbeat and aborts its HTTP exchange.
      assertThat(hanging.awaitClientClose(Duration.ofSeconds(20))).isTrue();
      long abortedNanos = hanging.firstCloseNanos() - cancelledAt;
      System.out.printf(
          "cancel: run ended after %d ms, model connection closed after %d ms%n",
          endedNanos / 1_000_000, abortedNanos / 1_000_000);

      List<Event> events = infra.events(run);
      assertThat(events.get(events.size() - 1).type()).isEqualTo(RunEventTypes.RUN_CANCELLED);
      assertThat(events).extracting(Event::type).doesNotContain(RunEventTypes.MODEL_CALL_FAILED);
      // Nothing retries the aborted call and no later step starts.
      Thread.sleep(3000);
      assertThat(hanging.requests()).isEqualTo(1);
      assertThat(infra.events(run)).hasSameSizeAs(events);
      harness.recordHistory(run, "agent-run-cancelled-v3.json");
    }
  }

  @Test
  void pauseHoldsAtTheNextStepBoundaryAndResumeGoesOnWhereItStopped() throws Exception {
    RunWorkflowInput run = infra.seedRun(TestSpecs.openAi(model.baseUrl()), INPUT);
    model.holdCall(1);
    AgentRunWorkflow workflow = harness.start(run);
    assertThat(model.awaitHeld(Duration.ofSeconds(20))).isTrue();

    workflow.pause(new RunControl("bob", "look first"));
    model.release(); // the step in flight finishes
    awaitTrue(Duration.ofSeconds(10), () -> "paused".equals(status(run)));
    Thread.sleep(1500);
    assertThat(callsOf(run)).isEqualTo(1);
    assertThat(infra.events(run))
        .extracting(Event::type)
        .doesNotContain(RunEventTypes.TOOL_CALL_COMPLETED);

    workflow.resume(new RunControl("carol", null));
    RunOutcome outcome = harness.outcome(run, Duration.ofSeconds(30));

    assertThat(outcome.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(outcome.steps()).isEqualTo(2);
    List<Event> events = infra.events(run);
    Event paused = only(events, RunEventTypes.RUN_PAUSED);
    Event resumed = only(events, RunEventTypes.RUN_RESUMED);
    assertThat(paused.payload()).contains("\"actor\": \"bob\"", "\"reason\": \"look first\"");
    assertThat(resumed.payload()).contains("\"actor\": \"carol\"");
    assertThat(paused.seq()).isLessThan(resumed.seq());
    assertThat(seqOf(events, RunEventTypes.TOOL_CALL_COMPLETED)).isGreaterThan(resumed.seq());
    harness.recordHistory(run, "agent-run-paused-resumed-pause-cap-v1.json");
  }

  @Test
  void pausedTimeDoesNotCountAgainstTheRunsTimeLimit() throws Exception {
    RunWorkflowInput run =
        infra.seedRun(TestSpecs.openAi(model.baseUrl(), new LimitsSpec(null, null, 4)), INPUT);
    model.holdCall(1);
    AgentRunWorkflow workflow = harness.start(run);
    assertThat(model.awaitHeld(Duration.ofSeconds(20))).isTrue();
    workflow.pause(new RunControl("bob", null));
    model.release();
    awaitTrue(Duration.ofSeconds(10), () -> "paused".equals(status(run)));

    Thread.sleep(6000); // longer than the whole 4 s limit
    assertThat(status(run)).isEqualTo("paused");
    workflow.resume(new RunControl("bob", null));

    assertThat(harness.outcome(run, Duration.ofSeconds(30)).status())
        .isEqualTo(RunStatus.SUCCEEDED);
  }

  @Test
  void cancelWhilePausedBeforeToolCallsLeavesAWholeTranscript() throws Exception {
    RunWorkflowInput run = infra.seedRun(TestSpecs.openAi(model.baseUrl()), INPUT);
    model.holdCall(1);
    AgentRunWorkflow workflow = harness.start(run);
    assertThat(model.awaitHeld(Duration.ofSeconds(20))).isTrue();
    workflow.pause(new RunControl("bob", null));
    model.release();
    awaitTrue(Duration.ofSeconds(10), () -> "paused".equals(status(run)));

    workflow.cancel(ALICE);
    RunOutcome outcome = harness.outcome(run, Duration.ofSeconds(10));

    assertThat(outcome.status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(outcome.steps()).isEqualTo(1);
    assertThat(infra.events(run))
        .extracting(Event::type)
        .doesNotContain(RunEventTypes.TOOL_CALL_COMPLETED, RunEventTypes.RUN_RESUMED);
    // The model asked for a tool call that never ran: the transcript answers it anyway.
    String key =
        RunObjectKeys.artifact(
            run.tenantId(), run.runId(), RunStoreActivitiesImpl.TRANSCRIPT_ARTIFACT);
    List<ChatMessage> transcript =
        ChatMessageDeserializer.messagesFromJson(infra.objects.getText(key));
    AiMessage asked = (AiMessage) transcript.get(transcript.size() - 2);
    ToolExecutionResultMessage answered =
        (ToolExecutionResultMessage) transcript.get(transcript.size() - 1);
    assertThat(asked.toolExecutionRequests()).hasSize(1);
    assertThat(answered.id()).isEqualTo(asked.toolExecutionRequests().get(0).id());
    assertThat(answered.text()).isEqualTo("not executed: the run was cancelled");
    assertThat(infra.artifactRow(run, "notes-1.txt")).isEmpty();
    harness.recordHistory(run, "agent-run-paused-cancelled-v3.json");
  }

  @Test
  void aCancelFromTemporalItselfStillEndsTheRunsRecord() throws Exception {
    try (HangingHttpServer hanging = HangingHttpServer.start()) {
      RunWorkflowInput run = infra.seedRun(patient(hanging.baseUrl(), 60), INPUT);
      harness.start(run);
      assertThat(hanging.awaitRequest(Duration.ofSeconds(20))).isTrue();

      harness.client().newUntypedWorkflowStub(RunHarness.workflowId(run)).cancel();

      awaitTrue(Duration.ofSeconds(10), () -> "cancelled".equals(status(run)));
      assertThat(infra.runRow(run)).containsEntry("status_reason", "cancelled through Temporal");
      List<Event> events = infra.events(run);
      assertThat(events.get(events.size() - 1).type()).isEqualTo(RunEventTypes.RUN_CANCELLED);
    }
  }

  private static AgentSpec patient(String baseUrl, int timeoutSeconds) {
    AgentSpec spec = TestSpecs.openAi(baseUrl, new LimitsSpec(null, null, timeoutSeconds));
    return new AgentSpec(
        spec.runtime(),
        spec.model(),
        spec.instructions(),
        spec.tools(),
        spec.limits(),
        PATIENT,
        spec.inputSchema(),
        spec.outputSchema());
  }

  private static void awaitTrue(Duration timeout, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition met within %s", timeout).isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  /** Model calls of this run (the fake model serves every test). */
  private static long callsOf(RunWorkflowInput run) {
    String prefix = RunHarness.workflowId(run) + "/";
    return model.calls().stream()
        .filter(c -> c.idempotencyKey() != null && c.idempotencyKey().startsWith(prefix))
        .count();
  }

  private static String status(RunWorkflowInput run) {
    return (String) infra.runRow(run).get("status");
  }

  private static Event only(List<Event> events, String type) {
    List<Event> matching = events.stream().filter(e -> e.type().equals(type)).toList();
    assertThat(matching).hasSize(1);
    return matching.get(0);
  }

  private static int seqOf(List<Event> events, String type) {
    return only(events, type).seq();
  }
}
