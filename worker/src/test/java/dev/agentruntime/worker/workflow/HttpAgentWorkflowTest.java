package dev.agentruntime.worker.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.core.activity.RunObjectKeys;
import dev.agentruntime.core.approval.ApprovalDecision;
import dev.agentruntime.core.run.RunEventTypes;
import dev.agentruntime.core.run.RunStatus;
import dev.agentruntime.core.spec.AgentSpec;
import dev.agentruntime.core.spec.RetrySpec;
import dev.agentruntime.core.spec.ToolSpec;
import dev.agentruntime.core.workflow.AgentRunWorkflow;
import dev.agentruntime.core.workflow.RunControl;
import dev.agentruntime.core.workflow.RunOutcome;
import dev.agentruntime.core.workflow.RunWorkflowInput;
import dev.agentruntime.testkit.ReferenceAgent;
import dev.agentruntime.worker.RunHarness;
import dev.agentruntime.worker.TestInfrastructure.ApprovalRow;
import dev.agentruntime.worker.TestInfrastructure.Event;
import dev.agentruntime.worker.TestSpecs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs driven by the real Python reference agent (examples/python-agent) over the agent protocol:
 * its turns are activities, its tool calls run in the kernel, and its failures and crashes are
 * retried with the same idempotency key.
 */
class HttpAgentWorkflowTest extends WholeRunTest {

  private static final String TOKEN = "reference-agent-token";

  /** The agent's bearer token is a secret of the run's tenant, stored as the API stores it. */
  private static final String TOKEN_REF = "secret:AGENT_TOKEN";

  private static ReferenceAgent agent;

  @BeforeAll
  static void startAgent() throws Exception {
    Path dir = Files.createTempDirectory("reference-agent");
    agent = ReferenceAgent.start(dir.resolve("data"), Map.of("AGENT_TOKEN", TOKEN));
  }

  /** Seeds the run and stores {@code token} as its tenant's {@code AGENT_TOKEN}. */
  private RunWorkflowInput seedWithToken(AgentSpec spec, String input, String token) {
    RunWorkflowInput run = infra.seedRun(spec, input);
    infra.putSecret(run.tenantId(), "AGENT_TOKEN", token);
    return run;
  }

  /**
   * A fork of an agent-driven run from turn 2 takes turn 1 (its answer, its tool call's result and
   * the agent's state after it) from the source: the agent is asked for turn 2 only.
   */
  @Test
  void aForkFromTurn2TakesTurn1FromItsSourceAndAsksTheAgentOnlyForTurn2() throws Exception {
    RunWorkflowInput source = seed(TestSpecs.AGENT_RETRY, "{\"topic\": \"durable execution\"}");
    assertThat(harness.run(source).steps()).isEqualTo(2);

    RunWorkflowInput fork = infra.seedFork(source, 2, "{\"topic\": \"durable execution\"}");
    RunOutcome outcome = harness.run(fork);

    assertThat(outcome.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(outcome.steps()).isEqualTo(2);
    List<Event> events = infra.events(fork);
    assertThat(ofType(events, RunEventTypes.STEP_REUSED))
        .singleElement()
        .satisfies(e -> assertThat(e.payload()).contains("\"decider\": \"agent\""));
    assertThat(ofType(events, RunEventTypes.AGENT_TURN_COMPLETED))
        .singleElement()
        .satisfies(e -> assertThat(e.payload()).contains("\"step\": 2", "\"output\": true"));
    assertThat(ofType(events, RunEventTypes.TOOL_CALL_COMPLETED)).isEmpty();
  }

  @AfterAll
  static void stopAgent() {
    agent.close();
  }

  @Test
  void aRunDrivenByThePythonAgentSucceedsAndItsToolCallRunsInTheKernel() throws Exception {
    RunWorkflowInput run = seed(TestSpecs.AGENT_RETRY, "{\"topic\": \"durable execution\"}");

    RunOutcome outcome = harness.run(run);

    assertThat(outcome.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(outcome.steps()).isEqualTo(2);
    List<Event> events = infra.events(run);
    List<Event> turns = ofType(events, RunEventTypes.AGENT_TURN_COMPLETED);
    assertThat(turns).hasSize(2);
    assertThat(turns.get(0).payload())
        .contains(
            "\"idempotencyKey\": \"" + run.runId() + "/turn-1\"",
            "\"name\": \"notes-agent\"",
            "\"protocol\": \"agent-runtime/v1\"",
            "\"toolCalls\": [\"save_note\"]");
    assertThat(turns.get(1).payload()).contains("\"output\": true");
    assertThat(ofType(events, RunEventTypes.TOOL_CALL_COMPLETED)).hasSize(1);
    assertThat(infra.artifactRow(run, "note-durable-execution.md")).isPresent();
    String output =
        infra.objects.getText(RunObjectKeys.artifact(run.tenantId(), run.runId(), "output"));
    assertThat(output).contains("\"topic\":\"durable execution\"", "save_note");
    // The agent's state lives in the object store; the workflow's history holds keys only.
    String state = infra.objects.getText(RunObjectKeys.agentState(run.tenantId(), run.runId(), 1));
    assertThat(state).isNotBlank();
    assertThat(history(run)).doesNotContain(state).doesNotContain("durable execution");
    harness.recordHistory(run, "agent-run-http-agent-v6.json");
  }

  @Test
  void anAgentAnswering500IsAskedAgainWithTheSameIdempotencyKey() throws Exception {
    RunWorkflowInput run =
        seed(TestSpecs.AGENT_RETRY, "{\"topic\": \"retries\", \"failTimes\": 1}");

    RunOutcome outcome = harness.run(run);

    assertThat(outcome.status()).isEqualTo(RunStatus.SUCCEEDED);
    Event failed = only(infra.events(run), RunEventTypes.AGENT_TURN_FAILED);
    assertThat(failed.payload()).contains("\"status\": 500", "\"attempt\": 1");
    assertThat(keys(run)).containsExactly(key(run, 1), key(run, 1), key(run, 2));
  }

  @Test
  void anAgentKilledMidTurnAndRestartedFinishesTheRunWithoutRepeatingAToolEffect()
      throws Exception {
    RunWorkflowInput run =
        seed(TestSpecs.AGENT_RETRY, "{\"topic\": \"crashes\", \"sleepSeconds\": 30}");

    harness.start(run);
    await(() -> !agent.journal(run.runId().toString()).isEmpty(), Duration.ofSeconds(30));
    agent.kill();
    agent.restart();
    RunOutcome outcome = harness.outcome(run, Duration.ofSeconds(60));

    assertThat(outcome.status()).isEqualTo(RunStatus.SUCCEEDED);
    // The agent saw turn 1 again under the same key, and the kernel ran its one tool call once.
    assertThat(keys(run)).startsWith(key(run, 1), key(run, 1)).endsWith(key(run, 2));
    assertThat(ofType(infra.events(run), RunEventTypes.TOOL_CALL_COMPLETED)).hasSize(1);
    assertThat(infra.artifactRows(run).stream().filter(a -> a.name().startsWith("note-")))
        .hasSize(1);
    assertThat(ofType(infra.events(run), RunEventTypes.AGENT_TURN_FAILED)).isNotEmpty();
    harness.recordHistory(run, "agent-run-http-agent-killed-v6.json");
  }

  @Test
  void aCancelledRunAbortsTheTurnInFlight() throws Exception {
    RunWorkflowInput run =
        seed(TestSpecs.AGENT_RETRY, "{\"topic\": \"cancel me\", \"sleepSeconds\": 30}");
    AgentRunWorkflow workflow = harness.start(run);
    await(() -> !agent.journal(run.runId().toString()).isEmpty(), Duration.ofSeconds(30));
    long cancelledAt = System.nanoTime();

    workflow.cancel(new RunControl("alice", "changed my mind"));
    RunOutcome outcome = harness.outcome(run, Duration.ofSeconds(20));

    assertThat(outcome.status()).isEqualTo(RunStatus.CANCELLED);
    // The turn's exchange is aborted at the next heartbeat (2 s), not after the agent's 30 s.
    assertThat(Duration.ofNanos(System.nanoTime() - cancelledAt))
        .isLessThan(Duration.ofSeconds(10));
    assertThat(ofType(infra.events(run), RunEventTypes.AGENT_TURN_COMPLETED)).isEmpty();
    assertThat(ofType(infra.events(run), RunEventTypes.AGENT_TURN_FAILED)).isEmpty();
  }

  @Test
  void anAgentThatIsDownFailsTheRunAfterItsRetriesAndSaysWhy() throws Exception {
    RunWorkflowInput run =
        infra.seedRun(
            TestSpecs.httpAgent(
                "http://127.0.0.1:" + unusedPort(), null, new RetrySpec(2, 100L, 1.0, 100L, 5)),
            "{\"topic\": \"nobody home\"}");

    RunOutcome outcome = harness.run(run);

    assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
    assertThat(outcome.reason()).contains("agent turn of step 1 failed", "could not connect");
    List<Event> failures = ofType(infra.events(run), RunEventTypes.AGENT_TURN_FAILED);
    assertThat(failures).hasSize(2);
    assertThat(failures.get(0).payload()).contains("could not connect");
  }

  @Test
  void aWrongTokenIsRefusedByTheAgentAndFailsTheRunAtOnce() throws Exception {
    RunWorkflowInput run =
        seedWithToken(
            TestSpecs.httpAgent(agent.endpoint(), TOKEN_REF, TestSpecs.AGENT_RETRY),
            "{\"topic\": \"auth\"}",
            "not-the-token");

    RunOutcome outcome = harness.run(run);

    assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
    assertThat(outcome.reason()).contains("HTTP 401");
    assertThat(ofType(infra.events(run), RunEventTypes.AGENT_TURN_FAILED)).hasSize(1);
  }

  @Test
  void aGatedToolTheAgentAsksForWaitsForApprovalLikeAModelsCall() throws Exception {
    AgentSpec open = TestSpecs.httpAgent(agent.endpoint(), TOKEN_REF, TestSpecs.AGENT_RETRY);
    ToolSpec note = open.tools().get(0);
    AgentSpec gated =
        new AgentSpec(
            open.runtime(),
            null,
            open.instructions(),
            List.of(
                new ToolSpec(note.name(), note.kind(), note.description(), true, List.of(), 600)),
            open.limits(),
            open.retry(),
            null,
            null);
    RunWorkflowInput run = seedWithToken(gated, "{\"topic\": \"approvals\"}", TOKEN);
    AgentRunWorkflow workflow = harness.start(run);
    await(() -> !infra.approvals(run).isEmpty(), Duration.ofSeconds(30));
    ApprovalRow pending = infra.approvals(run).get(0);

    assertThat(pending.toolName()).isEqualTo("save_note");
    assertThat(pending.arguments()).contains("note-approvals.md");
    assertThat(infra.runRow(run)).containsEntry("status", "waiting_for_approval");
    workflow.decide(
        new ApprovalDecision(
            pending.id(), ApprovalDecision.APPROVE, pending.argumentsSha256(), "carol", null));

    assertThat(harness.outcome(run, Duration.ofSeconds(30)).status())
        .isEqualTo(RunStatus.SUCCEEDED);
    assertThat(infra.artifactRow(run, "note-approvals.md")).isPresent();
  }

  private RunWorkflowInput seed(RetrySpec retry, String input) {
    return seedWithToken(TestSpecs.httpAgent(agent.endpoint(), TOKEN_REF, retry), input, TOKEN);
  }

  private static List<String> keys(RunWorkflowInput run) {
    return agent.journal(run.runId().toString()).stream()
        .map(entry -> entry.path("key").asText())
        .toList();
  }

  private static String key(RunWorkflowInput run, int turn) {
    return run.runId() + "/turn-" + turn;
  }

  private String history(RunWorkflowInput run) {
    return harness.client().fetchHistory(RunHarness.workflowId(run)).getHistory().toString();
  }

  private static List<Event> ofType(List<Event> events, String type) {
    return events.stream().filter(e -> e.type().equals(type)).toList();
  }

  private static Event only(List<Event> events, String type) {
    List<Event> matching = ofType(events, type);
    assertThat(matching).as(type).hasSize(1);
    return matching.get(0);
  }

  private static int unusedPort() throws Exception {
    try (var socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void await(java.util.function.BooleanSupplier condition, Duration timeout)
      throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("condition not met within " + timeout);
      }
      Thread.sleep(100);
    }
  }
}
