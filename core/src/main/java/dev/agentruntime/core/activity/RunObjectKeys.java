package dev.agentruntime.core.activity;

import java.util.UUID;

/**
 * Object-store keys of a run's data. Keys are derived from the run, the step and the call, never
 * random, so a retried activity writes to the same key instead of leaving a duplicate behind.
 */
public final class RunObjectKeys {

  /**
   * The name of the artifact that holds a succeeded run's answer: the worker writes it when the run
   * ends, the API shows it as the run's {@code output}.
   */
  public static final String OUTPUT_ARTIFACT = "output";

  private RunObjectKeys() {}

  public static String runPrefix(String tenantId, UUID runId) {
    return "tenants/" + tenantId + "/runs/" + runId + "/";
  }

  /** Transcript after the model answer of {@code step}; step 0 is the opening transcript. */
  public static String transcript(String tenantId, UUID runId, int step) {
    return runPrefix(tenantId, runId) + "transcript/step-" + step + ".json";
  }

  public static String toolResult(String tenantId, UUID runId, int step, int callIndex) {
    return runPrefix(tenantId, runId)
        + "tool-results/step-"
        + step
        + "-call-"
        + callIndex
        + ".json";
  }

  /** The state an HTTP agent answered on turn {@code step}, handed back on the next turn. */
  public static String agentState(String tenantId, UUID runId, int step) {
    return runPrefix(tenantId, runId) + "agent-state/turn-" + step + ".json";
  }

  public static String artifact(String tenantId, UUID runId, String name) {
    return runPrefix(tenantId, runId) + "artifacts/" + name;
  }
}
