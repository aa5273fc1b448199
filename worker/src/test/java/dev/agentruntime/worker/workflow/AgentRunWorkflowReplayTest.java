package dev.agentruntime.worker.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.core.run.RunStatus;
import dev.agentruntime.core.spec.LimitsSpec;
import dev.agentruntime.core.tracing.TraceContextPropagator;
import dev.agentruntime.core.workflow.RunWorkflowInput;
import dev.agentruntime.testkit.FakeOpenAiServer;
import dev.agentruntime.worker.RunHarness;
import dev.agentruntime.worker.TestInfrastructure;
import dev.agentruntime.worker.TestSpecs;
import dev.agentruntime.worker.tracing.ActivityTracingInterceptor;
import io.opentelemetry.api.OpenTelemetry;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.WorkerFactoryOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Guards the determinism of {@link AgentRunWorkflowImpl}: recorded histories of real runs must
 * replay against the current code, or runs in flight during a deployment would break. A failure
 * here means the change needs {@code Workflow.getVersion} (or is a bug), not a new recording.
 *
 * <p>Every build also records fresh histories of the current code into {@code target/histories/}
 * and replays them. To re-record the fixtures deliberately (only for a change that is meant to be
 * incompatible and is shipped with no runs in flight), copy those files over {@code
 * src/test/resources/histories/} and commit them.
 */
public class AgentRunWorkflowReplayTest {

  private static final Path FRESH_HISTORIES = Path.of("target/histories");

  @Test
  void replaysAVersion0RunWithAToolCallAndAFinalAnswer() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/agent-run-succeeded.json", AgentRunWorkflowImpl.class);
  }

  @Test
  void replaysAVersion0RunCutOffByItsDeadline() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/agent-run-timed-out.json", AgentRunWorkflowImpl.class);
  }

  @Test
  void replaysAVersion1RunWithLocalBookkeepingAndTools() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/agent-run-succeeded-v1.json", AgentRunWorkflowImpl.class);
  }

  @Test
  void replaysAVersion1RunCutOffByItsDeadline() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/agent-run-timed-out-v1.json", AgentRunWorkflowImpl.class);
  }

  @Test
  void replaysAVersion2Run() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/agent-run-succeeded-v2.json", AgentRunWorkflowImpl.class);
  }

  @Test
  void replaysAVersion2RunCutOffByItsDeadline() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/agent-run-timed-out-v2.json", AgentRunWorkflowImpl.class);
  }

  @Test
  void replaysAVersion2RunWhoseModelStepWasRetriedByTheKernelAfterAnObjectStoreOutage()
      throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/agent-run-kernel-retry-v2.json", AgentRunWorkflowImpl.class);
  }

  @Test
  void replaysAVersion3RunCancelledDuringAModelCall() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/agent-run-cancelled-v3.json", AgentRunWorkflowImpl.class);
  }

  @Test
  void replaysAVersion3RunPausedAndResumed() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/agent-run-paused-resumed-v3.json", AgentRunWorkflowImpl.class);
  }

  @Test
  void replaysAVersion3RunCancelledWhilePaused() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/agent-run-paused-cancelled-v3.json", AgentRunWorkflowImpl.class);
  }

  @Test
  void replaysAVersion4RunWhoseToolCallWasApproved() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/agent-run-approved-v4.json", AgentRunWorkflowImpl.class);
  }

  @Test
  void replaysAVersion4RunPausedWhileItsToolCallWaitedForApproval() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/agent-run-approved-while-paused-v4.json", AgentRunWorkflowImpl.class);
  }

  @Test
  void replaysAVersion5RunWhoseNetworkToolRanAsAScheduledActivity() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/agent-run-http-tool-v5.json", AgentRunWorkflowImpl.class);
  }

  @Test
  void replaysAVersion6RunDrivenByAnHttpAgent() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/agent-run-http-agent-v6.json", AgentRunWorkflowImpl.class);
  }

  @Test
  void replaysAVersion6RunWhoseHttpAgentWasKilledMidTurn() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/agent-run-http-agent-killed-v6.json", AgentRunWorkflowImpl.class);
  }

  /**
   * Version 6 once the steps pass the digests of the objects they wrote (ObjectDigests): the
   * activities' inputs and results carry more fields, the commands are the same, so runs recorded
   * before and after replay alike.
   */
  @Test
  void replaysAVersion6RunWhoseStepsPassObjectDigests() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/agent-run-succeeded-v6-digests.json", AgentRunWorkflowImpl.class);
  }

  /**
   * Version 1 of the change id {@code pause-cap}: a run paused for longer than its plan allows ends
   * cancelled. Recorded by PauseCapFastTest (fake activities, the test server skipping the seven
   * days), which is why its activities' payloads are the fakes'.
   */
  @Test
  void replaysAPauseCapV1RunThatStayedPausedTooLong() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/agent-run-pause-cap-expired-v1.json", AgentRunWorkflowImpl.class);
  }

  /** A real run of the newest versions, paused and resumed (recorded by RunControlWorkflowTest). */
  @Test
  void replaysAPauseCapV1RunPausedAndResumed() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/agent-run-paused-resumed-pause-cap-v1.json", AgentRunWorkflowImpl.class);
  }

  /**
   * Version 1 of the change id {@code child-runs}: a root whose one answer fanned out to three
   * child runs (recorded by ChildRunWorkflowTest).
   */
  @Test
  void replaysAChildRunsV1RootWithThreeChildren() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/agent-run-children-v1.json", AgentRunWorkflowImpl.class);
  }

  /**
   * A pipeline of three stages with a parallel group, under {@code child-runs} version 1 (recorded
   * by PipelineWorkflowTest).
   */
  @Test
  void replaysAChildRunsV1PipelineWithAParallelGroup() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/agent-run-pipeline-v1.json", AgentRunWorkflowImpl.class);
  }

  /**
   * A root cancelled while its grandchild waited for approval (recorded by ChildRunWorkflowTest).
   */
  @Test
  void replaysAChildRunsV1TreeCancelledFromItsRoot() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/agent-run-tree-cancelled-v1.json", AgentRunWorkflowImpl.class);
  }

  /**
   * Version 1 of the change id {@code tenant-budgets}: a run whose first step spent its tenant's
   * token budget, stopped before its second model call (recorded by TenantBudgetWorkflowTest).
   */
  @Test
  void replaysATenantBudgetsV1RunStoppedByItsTenantsBudget() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/agent-run-tenant-budget-stopped-v1.json", AgentRunWorkflowImpl.class);
  }

  /**
   * Version 1 of the change id {@code run-fork}: a fork from step 3 of a five-step run, whose steps
   * 1 and 2 were put in place by one activity before its loop began at step 3 (recorded by
   * ForkWorkflowTest).
   */
  @Test
  void replaysARunForkV1ForkThatReusedTwoStepsOfItsSource() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/agent-run-fork-v1.json", AgentRunWorkflowImpl.class);
  }

  /**
   * The worker runs with the trace propagator and the activity interceptor: both leave the commands
   * a workflow task produces unchanged, so every recorded history still replays (the traced run's
   * history, with trace headers, is replayed by WorkerTracingTest). The worker's every workflow
   * type is registered, as on the worker: the directory holds a schedule's fire too.
   */
  @Test
  void recordedHistoriesReplayOnAWorkerWithTracing() throws Exception {
    try (Stream<Path> files = Files.list(Path.of("src/test/resources/histories"))) {
      for (Path file : files.sorted().toList()) {
        // One environment per history: an environment's worker registers the workflow once.
        TestWorkflowEnvironment traced = tracedReplayEnvironment();
        try {
          WorkflowReplayer.replayWorkflowExecutionFromResource(
              "histories/" + file.getFileName(),
              traced,
              AgentRunWorkflowImpl.class,
              ScheduleFireWorkflowImpl.class);
        } finally {
          traced.close();
        }
      }
    }
  }

  /** A replay environment configured as the worker is: trace propagator and interceptor. */
  public static TestWorkflowEnvironment tracedReplayEnvironment() {
    return TestWorkflowEnvironment.newInstance(
        TestEnvironmentOptions.newBuilder()
            .setWorkflowClientOptions(
                WorkflowClientOptions.newBuilder()
                    .setContextPropagators(List.of(new TraceContextPropagator()))
                    .build())
            .setWorkerFactoryOptions(
                WorkerFactoryOptions.newBuilder()
                    .setWorkerInterceptors(
                        new ActivityTracingInterceptor(
                            OpenTelemetry.noop().getTracer("agent-runtime-worker")))
                    .build())
            .build());
  }

  @Test
  void freshlyRecordedRunsReplayAgainstTheCurrentCode() throws Exception {
    TestInfrastructure infra = TestInfrastructure.get();
    String input = "{\"message\": \"Summarize the quarterly report\"}";
    try (FakeOpenAiServer model = FakeOpenAiServer.start();
        RunHarness harness = new RunHarness(infra)) {
      RunWorkflowInput succeeded = infra.seedRun(TestSpecs.openAi(model.baseUrl()), input);
      assertThat(harness.run(succeeded).status()).isEqualTo(RunStatus.SUCCEEDED);
      record(harness, succeeded, "agent-run-succeeded.json");

      model.latency(Duration.ofSeconds(4));
      RunWorkflowInput timedOut =
          infra.seedRun(TestSpecs.openAi(model.baseUrl(), new LimitsSpec(null, null, 2)), input);
      assertThat(harness.run(timedOut).status()).isEqualTo(RunStatus.TIMED_OUT);
      record(harness, timedOut, "agent-run-timed-out.json");
    }
    for (String file : new String[] {"agent-run-succeeded.json", "agent-run-timed-out.json"}) {
      WorkflowReplayer.replayWorkflowExecution(
          Files.readString(FRESH_HISTORIES.resolve(file)), AgentRunWorkflowImpl.class);
    }
  }

  private static void record(RunHarness harness, RunWorkflowInput run, String file)
      throws Exception {
    Files.createDirectories(FRESH_HISTORIES);
    String json = harness.client().fetchHistory(RunHarness.workflowId(run)).toJson(true);
    Files.writeString(FRESH_HISTORIES.resolve(file), json);
  }
}
