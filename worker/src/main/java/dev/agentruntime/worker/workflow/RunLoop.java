package dev.agentruntime.worker.workflow;

import dev.agentruntime.core.run.RunStatus;
import dev.agentruntime.core.workflow.RunOutcome;

/**
 * What drives a run to its outcome: the tool-calling {@link StepLoop} (a model or an HTTP agent
 * decides each step), or the {@link PipelineLoop} of a pipeline version. The run's workflow races
 * it against the deadline and its controllers, and records how it ended. Workflow code.
 */
interface RunLoop {

  /** Runs to the outcome; cancelled (its scope) when the run ends otherwise. */
  RunOutcome run();

  /** The outcome of a run that ends now with {@code status}, with what was spent so far. */
  RunOutcome outcome(RunStatus status, String reason);

  /** The run's own steps so far: its model calls, and a fork's reused steps before them. */
  int steps();

  /** The run's transcript as it stands: its answer, when it succeeded, is the last message. */
  String transcriptKey();

  /** What was reported of that transcript's digest; {@code null} when unknown. */
  String transcriptSha256();
}
