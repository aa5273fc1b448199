package dev.agentruntime.worker.workflow;

import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.api.Test;

/**
 * Guards the determinism of {@link ScheduleFireWorkflowImpl} as {@link AgentRunWorkflowReplayTest}
 * guards the run's: a recorded fire must replay against the current code, or fires in flight during
 * a deployment would break. A failure here means the change needs {@code Workflow.getVersion}. The
 * fixture is the history ScheduleFireWorkflowTest writes to {@code target/histories/}.
 */
class ScheduleFireWorkflowReplayTest {

  /** A fire that admitted its run and ran it to success, recorded by ScheduleFireWorkflowTest. */
  static final String FIXTURE = "schedule-fire-succeeded.json";

  @Test
  void replaysARecordedFire() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/" + FIXTURE, ScheduleFireWorkflowImpl.class);
  }
}
