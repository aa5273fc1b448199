package dev.agentruntime.worker.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.core.activity.RunObjectKeys;
import dev.agentruntime.core.run.RunEventTypes;
import dev.agentruntime.core.run.RunStatus;
import dev.agentruntime.core.spec.LimitsSpec;
import dev.agentruntime.core.workflow.RunOutcome;
import dev.agentruntime.core.workflow.RunWorkflowInput;
import dev.agentruntime.testkit.FakeOpenAiServer;
import dev.agentruntime.worker.RunHarness;
import dev.agentruntime.worker.TestInfrastructure.ArtifactRow;
import dev.agentruntime.worker.TestInfrastructure.Event;
import dev.agentruntime.worker.TestSpecs;
import dev.agentruntime.worker.model.DemoChatModel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Whole runs through the real workflow and activities: Temporal's test server, PostgreSQL, S3 and
 * the real LangChain4j OpenAI client talking HTTP to a local OpenAI-compatible fake.
 */
class AgentRunWorkflowTest extends WholeRunTest {

  private static final String INPUT = "{\"message\": \"Summarize the quarterly report\"}";
  private static final String USER_TEXT = "Summarize the quarterly report";

  @Test
  void runSucceedsWithToolArtifactOutputArtifactAndCompleteOrderedTimeline() throws Exception {
    RunWorkflowInput run = infra.seedRun(TestSpecs.openAi(model.baseUrl()), INPUT);
    long fromMemory = infra.transcripts.recentHits();

    RunOutcome outcome = harness.run(run);

    assertThat(outcome.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(outcome.steps()).isEqualTo(2);
    assertThat(outcome.totalTokens()).isEqualTo(30); // the fake reports 15 per call
    // Every object a step reads was written by the activity before it on this worker, and the
    // workflow passed its digest along: model 1 (opening transcript), the tool (transcript 1),
    // model 2 (transcript 1 and the tool result), finish (transcript 2). None from the store.
    assertThat(infra.transcripts.recentHits() - fromMemory).isEqualTo(5);

    String output = "Done: " + USER_TEXT;
    String outputKey = RunObjectKeys.artifact(run.tenantId(), run.runId(), "output");
    assertThat(infra.objects.getText(outputKey)).isEqualTo(output);
    assertThat(infra.artifactRow(run, "output"))
        .contains(
            new ArtifactRow(
                "output",
                "text/plain",
                output.getBytes(StandardCharsets.UTF_8).length,
                sha(output)));
    String notesKey = RunObjectKeys.artifact(run.tenantId(), run.runId(), "notes-1.txt");
    assertThat(infra.objects.getText(notesKey)).isEqualTo(USER_TEXT);
    assertThat(infra.artifactRow(run, "notes-1.txt"))
        .hasValueSatisfying(a -> assertThat(a.sha256()).isEqualTo(sha(USER_TEXT)));

    List<Event> events = infra.events(run);
    assertThat(events).extracting(Event::seq).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
    assertThat(events)
        .extracting(Event::type)
        .containsExactly(
            RunEventTypes.RUN_QUEUED,
            RunEventTypes.RUN_STARTED,
            RunEventTypes.MODEL_CALL_COMPLETED,
            RunEventTypes.ARTIFACT_CREATED,
            RunEventTypes.TOOL_CALL_COMPLETED,
            RunEventTypes.MODEL_CALL_COMPLETED,
            RunEventTypes.ARTIFACT_CREATED,
            RunEventTypes.RUN_SUCCEEDED);
    assertThat(events)
        .extracting(Event::key)
        .containsExactly(
            "run/queued",
            "run/started",
            "step-1/model",
            "step-1/tool/0/artifact",
            "step-1/tool/0",
            "step-2/model",
            "run/output",
            "run/finished");
    assertThat(events.get(2).payload()).contains("\"toolCalls\": [\"write_artifact\"]");

    Map<String, Object> row = infra.runRow(run);
    assertThat(row)
        .containsEntry("status", "succeeded")
        .containsEntry("steps", 2)
        .containsEntry("total_tokens", 30);
    assertThat(row.get("started_at")).isNotNull();
    assertThat(row.get("finished_at")).isNotNull();
  }

  @Test
  void modelFailingTwiceIsRetriedWithOneIdempotencyKeyAndNothingIsDuplicated() throws Exception {
    RunWorkflowInput run = infra.seedRun(TestSpecs.openAi(model.baseUrl()), INPUT);
    int before = model.calls().size();
    model.failNext(2, 500);

    RunOutcome outcome = harness.run(run);

    assertThat(outcome.status()).isEqualTo(RunStatus.SUCCEEDED);
    List<FakeOpenAiServer.Call> calls = model.calls().subList(before, model.calls().size());
    assertThat(calls).extracting(FakeOpenAiServer.Call::status).containsExactly(500, 500, 200, 200);
    String firstStepKey = calls.get(0).idempotencyKey();
    assertThat(firstStepKey).startsWith(RunHarness.workflowId(run) + "/");
    assertThat(model.callsWithKey(firstStepKey)).isEqualTo(3);
    assertThat(calls.get(3).idempotencyKey()).isNotEqualTo(firstStepKey);

    List<Event> events = infra.events(run);
    assertThat(events)
        .filteredOn(e -> e.type().equals(RunEventTypes.MODEL_CALL_FAILED))
        .extracting(Event::key)
        .satisfiesExactly(
            key -> assertThat(key).matches("step-1/model/[^/]+/attempt-1"),
            key -> assertThat(key).matches("step-1/model/[^/]+/attempt-2"));
    assertThat(events)
        .filteredOn(e -> e.type().equals(RunEventTypes.MODEL_CALL_FAILED))
        // The fake model listens on loopback, an internal destination reached by the operator's
        // grant: its status is recorded, never what it said.
        .allSatisfy(
            e -> assertThat(e.payload()).contains("HTTP 500").doesNotContain("injected failure"));
    assertThat(events)
        .filteredOn(e -> e.type().equals(RunEventTypes.MODEL_CALL_COMPLETED))
        .extracting(Event::key)
        .containsExactly("step-1/model", "step-2/model");
    assertThat(events).filteredOn(e -> e.type().equals(RunEventTypes.ARTIFACT_CREATED)).hasSize(2);
    assertThat(infra.artifactRows(run))
        .extracting(ArtifactRow::name)
        .containsExactly("notes-1.txt", "output");
    assertThat(infra.runRow(run)).containsEntry("steps", 2).containsEntry("total_tokens", 30);
  }

  @Test
  void modelRejectingTheRequestFailsTheRunWithoutRetrying() throws Exception {
    RunWorkflowInput run = infra.seedRun(TestSpecs.openAi(model.baseUrl()), INPUT);
    int before = model.calls().size();
    model.failNext(1, 401);

    RunOutcome outcome = harness.run(run);

    assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
    assertThat(outcome.reason()).isEqualTo("model call of step 1 failed: HTTP 401");
    assertThat(model.calls()).hasSize(before + 1);
    assertThat(infra.events(run))
        .extracting(Event::type)
        .containsExactly(
            RunEventTypes.RUN_QUEUED,
            RunEventTypes.RUN_STARTED,
            RunEventTypes.MODEL_CALL_FAILED,
            RunEventTypes.RUN_FAILED);
    assertThat(infra.runRow(run)).containsEntry("status", "failed").containsEntry("steps", 0);
  }

  @Test
  void aFinalAnswerThatCrossesTheTokenBudgetFailsTheRunWithoutOutput() throws Exception {
    // The fake reports 15 tokens per answer: the final answer takes the run to 15 > 10.
    model.toolRounds(0);
    RunWorkflowInput run =
        infra.seedRun(TestSpecs.openAi(model.baseUrl(), new LimitsSpec(null, 10, 60)), INPUT);

    RunOutcome outcome = harness.run(run);

    assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
    assertThat(outcome.reason()).isEqualTo("token budget of 10 exceeded");
    assertThat(outcome.totalTokens()).isEqualTo(15);
    assertThat(infra.artifactRow(run, "output")).isEmpty();
  }

  @Test
  void runWithoutFinalAnswerWithinStepLimitFailsWithReason() throws Exception {
    model.toolRounds(5);
    RunWorkflowInput run =
        infra.seedRun(TestSpecs.openAi(model.baseUrl(), new LimitsSpec(2, null, 60)), INPUT);

    RunOutcome outcome = harness.run(run);

    String reason = "step limit of 2 reached without a final answer";
    assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
    assertThat(outcome.reason()).isEqualTo(reason);
    assertThat(infra.runRow(run))
        .containsEntry("status", "failed")
        .containsEntry("status_reason", reason)
        .containsEntry("steps", 2);
    assertThat(infra.events(run).getLast().type()).isEqualTo(RunEventTypes.RUN_FAILED);
    assertThat(infra.artifactRow(run, "output")).isEmpty();
  }

  @Test
  void runExceedingItsTimeLimitEndsTimedOut() throws Exception {
    model.latency(Duration.ofSeconds(6));
    RunWorkflowInput run =
        infra.seedRun(TestSpecs.openAi(model.baseUrl(), new LimitsSpec(null, null, 2)), INPUT);

    RunOutcome outcome = harness.run(run);

    assertThat(outcome.status()).isEqualTo(RunStatus.TIMED_OUT);
    assertThat(outcome.reason()).isEqualTo("time limit of 2 s exceeded");
    assertThat(infra.runRow(run))
        .containsEntry("status", "timed_out")
        .containsEntry("status_reason", "time limit of 2 s exceeded");
    assertThat(infra.events(run))
        .extracting(Event::type)
        .containsExactly(
            RunEventTypes.RUN_QUEUED, RunEventTypes.RUN_STARTED, RunEventTypes.RUN_TIMED_OUT);
  }

  @Test
  void badToolArgumentsAreFedBackToTheModelAndTheRunGoesOn() throws Exception {
    harness.close();
    harness = new RunHarness(infra, 8); // the user's text is longer than 8 bytes
    RunWorkflowInput run = infra.seedRun(TestSpecs.openAi(model.baseUrl()), INPUT);
    int before = model.calls().size();

    RunOutcome outcome = harness.run(run);

    assertThat(outcome.status()).isEqualTo(RunStatus.SUCCEEDED);
    List<Event> events = infra.events(run);
    assertThat(events)
        .extracting(Event::type)
        .containsExactly(
            RunEventTypes.RUN_QUEUED,
            RunEventTypes.RUN_STARTED,
            RunEventTypes.MODEL_CALL_COMPLETED,
            RunEventTypes.TOOL_CALL_FAILED,
            RunEventTypes.MODEL_CALL_COMPLETED,
            RunEventTypes.ARTIFACT_CREATED,
            RunEventTypes.RUN_SUCCEEDED);
    assertThat(events.get(3).payload()).contains("the limit is 8 bytes");
    // The second model call saw the error as the tool's result.
    var secondRequest = model.calls().get(before + 1).request();
    var toolMessage = secondRequest.path("messages").get(3);
    assertThat(toolMessage.path("role").asText()).isEqualTo("tool");
    assertThat(toolMessage.path("content").asText()).startsWith("error: content is");
    assertThat(infra.artifactRow(run, "notes-1.txt")).isEmpty();
  }

  @Test
  void demoProviderRunSucceedsOffline() throws Exception {
    RunWorkflowInput run = infra.seedRun(TestSpecs.demo(), "{\"prompt\": \"Plan a team offsite\"}");
    int callsBefore = model.calls().size();

    RunOutcome outcome = harness.run(run);

    assertThat(outcome.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(outcome.steps()).isEqualTo(2);
    assertThat(model.calls()).hasSize(callsBefore);
    String notes =
        infra.objects.getText(RunObjectKeys.artifact(run.tenantId(), run.runId(), "demo-notes.md"));
    assertThat(notes).contains("> Plan a team offsite");
    assertThat(infra.artifactRow(run, "demo-notes.md"))
        .hasValueSatisfying(a -> assertThat(a.contentType()).isEqualTo("text/markdown"));
    String output =
        infra.objects.getText(RunObjectKeys.artifact(run.tenantId(), run.runId(), "output"));
    assertThat(output).startsWith(DemoChatModel.LABEL).contains("Plan a team offsite");
    assertThat(infra.runRow(run)).containsEntry("status", "succeeded");
  }

  private static String sha(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
