package dev.agentruntime.worker.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.agentruntime.core.workflow.RunOutcome;
import dev.agentruntime.core.workflow.RunWorkflowInput;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.NonDeterministicException;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Fast tier: the replay suite ({@link AgentRunWorkflowReplayTest}) is a real guard. A recorded
 * history replays against the workflow as it is, and fails, as non-deterministic, against the same
 * workflow with a change made without {@code Workflow.getVersion}.
 */
class ReplayCatchesNonDeterminismFastTest {

  private static final String HISTORY = "histories/agent-run-approved-v4.json";

  /**
   * The workflow with an unguarded change: it now waits a second before it starts the run. Runs
   * recorded before never had that timer, so their next command no longer matches their history.
   */
  public static class WaitsBeforeStarting extends AgentRunWorkflowImpl {
    @Override
    public RunOutcome run(RunWorkflowInput input) {
      Workflow.sleep(Duration.ofSeconds(1));
      return super.run(input);
    }
  }

  @Test
  void aRecordedHistoryReplaysAgainstTheWorkflowAsItIs() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(HISTORY, AgentRunWorkflowImpl.class);
  }

  @Test
  void aChangeWithoutGetVersionFailsTheReplayAsNonDeterministic() {
    Throwable failure =
        catchThrowable(
            () ->
                WorkflowReplayer.replayWorkflowExecutionFromResource(
                    HISTORY, WaitsBeforeStarting.class));

    // The replayer reports the workflow task's failure as the message of a query failure.
    assertThat(failure)
        .hasMessageContaining(NonDeterministicException.class.getName())
        .hasMessageContaining("[TMPRL1100]");
  }
}
