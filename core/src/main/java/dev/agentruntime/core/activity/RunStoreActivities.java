package dev.agentruntime.core.activity;

import dev.agentruntime.core.workflow.RunWorkflowInput;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Projects a run's life to PostgreSQL and prepares its storage. Every method is idempotent: a
 * retried call changes nothing a completed call already did.
 */
@ActivityInterface
public interface RunStoreActivities {

  /** Marks the run running, records {@code run.started} and writes the opening transcript. */
  @ActivityMethod
  RunContext startRun(RunWorkflowInput input);

  /** Records the outcome; on success stores the final answer as the run's output artifact. */
  @ActivityMethod
  void finishRun(RunFinish finish);
}
