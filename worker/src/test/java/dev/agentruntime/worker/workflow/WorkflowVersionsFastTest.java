package dev.agentruntime.worker.workflow;

import static dev.agentruntime.worker.workflow.FakeRunActivities.finalAnswer;
import static dev.agentruntime.worker.workflow.FakeRunActivities.toolCalls;
import static dev.agentruntime.worker.workflow.FastRuns.GATED_TOOL;
import static dev.agentruntime.worker.workflow.FastRuns.NETWORK_TOOL;
import static dev.agentruntime.worker.workflow.FastRuns.plan;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.core.activity.ActivityFailureTypes;
import dev.agentruntime.core.run.RunStatus;
import dev.agentruntime.core.spec.LimitsSpec;
import dev.agentruntime.core.spec.RuntimeKind;
import dev.agentruntime.core.workflow.RunOutcome;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fast tier: one run per live version of the change id {@value
 * RunBehaviour#LOCAL_BOOKKEEPING_AND_TOOLS}, started as a worker of that version started it (see
 * {@link FastWorkflowEnvironment}), showing what each version schedules: the same plan, an HTTP
 * agent whose first turn asks for a gated tool and a network tool.
 */
@Timeout(20) // a run that hangs fails its test instead of the build
class WorkflowVersionsFastTest {

  private static final String CHANGE = RunBehaviour.LOCAL_BOOKKEEPING_AND_TOOLS;

  /** A run started by a worker whose newest version of the first change id was {@code version}. */
  private static Map<String, Integer> before(int version) {
    return Map.of(CHANGE, version, RunBehaviour.PAUSE_CAP, Workflow.DEFAULT_VERSION);
  }

  static Stream<Arguments> versions() {
    return Stream.of(
        Arguments.of(
            Workflow.DEFAULT_VERSION,
            List.of(
                "startRun scheduled",
                "callModel scheduled step 1",
                "callTool scheduled publish step 1",
                "callTool scheduled fetch step 1",
                "callModel scheduled step 2",
                "finishRun scheduled SUCCEEDED")),
        Arguments.of(1, local("startRun", "callModel", "callTool local fetch step 1")),
        Arguments.of(2, local("startRun", "callModel", "callTool local fetch step 1")),
        Arguments.of(3, local("beginRun", "callModel", "callTool local fetch step 1")),
        Arguments.of(4, gated("callModel", "callTool local fetch step 1")),
        Arguments.of(5, gated("callModel", "callTool scheduled fetch step 1")),
        Arguments.of(6, gated("takeTurn", "callTool scheduled fetch step 1")));
  }

  /** Versions 1 to 3: bookkeeping and every tool local, no approvals. */
  private static List<String> local(String begin, String decide, String fetch) {
    return List.of(
        begin + " local",
        decide + " scheduled step 1",
        "callTool local publish step 1",
        fetch,
        decide + " scheduled step 2",
        "finishRun local SUCCEEDED");
  }

  /** From version 4: the gated call waits for approval; nobody decides, so it expires. */
  private static List<String> gated(String decide, String fetch) {
    return List.of(
        "beginRun local",
        decide + " scheduled step 1",
        "requestApproval step 1 call 0",
        "recordApproval expired",
        "refuseTool local publish: not run: its approval expired before anyone decided",
        fetch,
        decide + " scheduled step 2",
        "finishRun local SUCCEEDED");
  }

  @ParameterizedTest(name = "version {0}")
  @MethodSource("versions")
  void eachLiveVersionSchedulesWhatItAlwaysScheduled(int version, List<String> expected) {
    FakeRunActivities fake =
        new FakeRunActivities(
            plan(new LimitsSpec(10, 1000, 60), RuntimeKind.HTTP),
            step -> step == 1 ? toolCalls(1, 10, GATED_TOOL, NETWORK_TOOL) : finalAnswer(2, 10));
    try (FastWorkflowEnvironment env = new FastWorkflowEnvironment(fake, before(version))) {
      assertThat(env.run()).isEqualTo(new RunOutcome(RunStatus.SUCCEEDED, null, 2, 20));
      // The calls of one step run concurrently: the order within the log is not fixed.
      assertThat(fake.log()).containsExactlyInAnyOrderElementsOf(expected);
      assertThat(fake.log()).first().isEqualTo(expected.get(0));
      assertThat(fake.log()).last().isEqualTo(expected.get(expected.size() - 1));
    }
  }

  @Test
  void version1LetsAFinalAnswerOverTheTokenBudgetSucceed() {
    FakeRunActivities fake =
        new FakeRunActivities(plan(new LimitsSpec(10, 100, 60)), step -> finalAnswer(step, 101));
    try (FastWorkflowEnvironment env = new FastWorkflowEnvironment(fake, before(1))) {
      assertThat(env.run()).isEqualTo(new RunOutcome(RunStatus.SUCCEEDED, null, 1, 101));
    }
  }

  @Test
  void version1FailsAStepThatMetAKernelOutageInsteadOfSchedulingItAgain() {
    FakeRunActivities fake =
        new FakeRunActivities(
            plan(new LimitsSpec(10, null, 60)),
            step -> {
              throw ApplicationFailure.newNonRetryableFailure(
                  "database down", ActivityFailureTypes.KERNEL_UNAVAILABLE);
            });
    try (FastWorkflowEnvironment env = new FastWorkflowEnvironment(fake, before(1))) {
      assertThat(env.run())
          .isEqualTo(
              new RunOutcome(RunStatus.FAILED, "model call of step 1 failed: database down", 0, 0));
    }
  }
}
