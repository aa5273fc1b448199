package dev.agentruntime.worker.workflow;

import static dev.agentruntime.worker.workflow.FakeRunActivities.finalAnswer;
import static dev.agentruntime.worker.workflow.FakeRunActivities.toolCalls;
import static dev.agentruntime.worker.workflow.FastRuns.ALICE;
import static dev.agentruntime.worker.workflow.FastRuns.BOB;
import static dev.agentruntime.worker.workflow.FastRuns.LOCAL_TOOL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.core.activity.RunPlan;
import dev.agentruntime.core.run.RunStatus;
import dev.agentruntime.core.workflow.AgentRunWorkflow;
import dev.agentruntime.core.workflow.RunOutcome;
import io.temporal.workflow.Workflow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Fast tier: a paused run may stay paused for its plan's {@code maxPausedSeconds} (7 days by
 * default); then it ends {@code cancelled}, so no run holds old workflow code alive for ever. Runs
 * started before the cap ({@value RunBehaviour#PAUSE_CAP} not recorded) stay uncapped.
 */
@Timeout(20) // a run that hangs fails its test instead of the build
class PauseCapFastTest {

  private static final String EXPIRED_HISTORY = "agent-run-pause-cap-expired-v1.json";

  private static FakeRunActivities fake(Integer maxPausedSeconds) {
    RunPlan roomy = FastRuns.roomy();
    RunPlan plan =
        new RunPlan(
            roomy.transcriptKey(),
            roomy.limits(),
            roomy.retry(),
            roomy.tools(),
            roomy.runtime(),
            roomy.transcriptSha256(),
            maxPausedSeconds);
    return new FakeRunActivities(
            plan, step -> step == 1 ? toolCalls(1, 10, LOCAL_TOOL) : finalAnswer(2, 10))
        .hold("step-1");
  }

  /** Starts the run and pauses it at the boundary after its first model step. */
  private static AgentRunWorkflow pausedAfterStep1(
      FastWorkflowEnvironment env, FakeRunActivities fake) throws Exception {
    AgentRunWorkflow run = env.start();
    fake.awaitLogged("callModel");
    run.pause(ALICE);
    fake.release("step-1");
    fake.awaitLogged("paused #1");
    return run;
  }

  @Test
  void aRunPausedForLongerThanTheDefaultSevenDaysEndsCancelled() throws Exception {
    FakeRunActivities fake = fake(null);
    try (FastWorkflowEnvironment env = new FastWorkflowEnvironment(fake)) {
      pausedAfterStep1(env, fake);

      // Nobody resumes it: the test server skips the seven days.
      assertThat(env.outcome())
          .isEqualTo(
              new RunOutcome(
                  RunStatus.CANCELLED,
                  "cancelled: paused for longer than 604800 s without a resume",
                  1,
                  10));
      assertThat(fake.log())
          .containsExactly(
              "beginRun local",
              "callModel scheduled step 1",
              "paused #1 after step 1 by alice",
              "finishRun local CANCELLED");
      // Kept as a fixture of the replay suite (AgentRunWorkflowReplayTest).
      Files.createDirectories(Path.of("target/histories"));
      Files.writeString(Path.of("target/histories", EXPIRED_HISTORY), env.historyJson());
    }
  }

  @Test
  void aRunResumedWithinThePlansCapGoesOn() throws Exception {
    FakeRunActivities fake = fake(3600);
    try (FastWorkflowEnvironment env = new FastWorkflowEnvironment(fake)) {
      AgentRunWorkflow run = pausedAfterStep1(env, fake);
      env.environment().sleep(Duration.ofMinutes(59));
      run.resume(BOB);

      assertThat(env.outcome()).isEqualTo(new RunOutcome(RunStatus.SUCCEEDED, null, 2, 20));
    }
  }

  @Test
  void thePlansCapReplacesTheDefault() throws Exception {
    FakeRunActivities fake = fake(3600);
    try (FastWorkflowEnvironment env = new FastWorkflowEnvironment(fake)) {
      pausedAfterStep1(env, fake);
      env.environment().sleep(Duration.ofMinutes(61));

      assertThat(env.outcome().reason())
          .isEqualTo("cancelled: paused for longer than 3600 s without a resume");
    }
  }

  @Test
  void aRunStartedBeforeTheCapStaysPausedUntilResumed() throws Exception {
    FakeRunActivities fake = fake(null);
    Map<String, Integer> beforeTheCap = Map.of(RunBehaviour.PAUSE_CAP, Workflow.DEFAULT_VERSION);
    try (FastWorkflowEnvironment env = new FastWorkflowEnvironment(fake, beforeTheCap)) {
      AgentRunWorkflow run = pausedAfterStep1(env, fake);
      env.environment().sleep(Duration.ofDays(30));
      run.resume(BOB);

      assertThat(env.outcome()).isEqualTo(new RunOutcome(RunStatus.SUCCEEDED, null, 2, 20));
    }
  }
}
