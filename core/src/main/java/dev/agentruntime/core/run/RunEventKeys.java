package dev.agentruntime.core.run;

import java.util.UUID;

/**
 * The keys events are appended under. {@code append_run_event} records one event per key and run,
 * so a key derived from what the event is about (the step, the call, the approval), never random,
 * makes a retried append a no-op; a random key ({@link #controlRequest}) records every request. The
 * API and the worker write into one timeline, so their keys are defined here, where it is visible
 * that their namespaces do not collide.
 */
public final class RunEventKeys {

  /** Written by the API when it admits the run. */
  public static final String QUEUED = "run/queued";

  public static final String STARTED = "run/started";
  public static final String FINISHED = "run/finished";

  /** The {@code artifact.created} of the run's output, and of a cancelled run's transcript. */
  public static final String OUTPUT_ARTIFACT = "run/output";

  public static final String TRANSCRIPT_ARTIFACT = "run/transcript";

  /** Written by the API when it started the run's workflow without the search attributes. */
  public static final String SEARCH_ATTRIBUTES_MISSING = "run/search-attributes-missing";

  private RunEventKeys() {}

  /**
   * A control request the API recorded: each request is its own event, even with the same words.
   */
  public static String controlRequest(UUID requestId) {
    return "control/" + requestId;
  }

  /** The workflow acting on its {@code number}th pause: holding the run, or letting it go on. */
  public static String pause(int number, boolean paused) {
    return "control/pause-" + number + (paused ? "/paused" : "/resumed");
  }

  public static String approvalRequested(String approvalId) {
    return "approval/" + approvalId + "/requested";
  }

  public static String approvalDecided(String approvalId) {
    return "approval/" + approvalId + "/decided";
  }

  /** The model call of {@code step}; its failed attempts and kernel outages are keyed under it. */
  public static String modelStep(int step) {
    return "step-" + step + "/model";
  }

  /** Step {@code step} of a fork, taken as its source recorded it. */
  public static String stepReused(int step) {
    return "step-" + step + "/reused";
  }

  /** A source's approval carried to call {@code callIndex} of a fork's step {@code step}. */
  public static String approvalCarried(int step, int callIndex) {
    return toolCall(step, callIndex) + "/approval-carried";
  }

  /** The turn of an HTTP agent at {@code step}. */
  public static String agentTurn(int step) {
    return "step-" + step + "/agent";
  }

  public static String toolCall(int step, int callIndex) {
    return "step-" + step + "/tool/" + callIndex;
  }

  /** The child run a call of a tool of kind agent started. */
  public static String childRun(int step, int callIndex) {
    return toolCall(step, callIndex) + "/child";
  }

  /** The end of step {@code name} of a pipeline run. */
  public static String pipelineStep(String name) {
    return "pipeline/" + name + "/ended";
  }

  /** The child run of attempt {@code attempt} of pipeline step {@code name}. */
  public static String pipelineChild(String name, int attempt) {
    return "pipeline/" + name + "/attempt-" + attempt + "/child";
  }

  /** In a root's timeline: an approval requested by a run below it. */
  public static String descendantApproval(String approvalId) {
    return "tree/approval/" + approvalId + "/requested";
  }

  /** An artifact a tool call stored, keyed by the call's effect key. */
  public static String toolArtifact(String effectKey) {
    return effectKey + "/artifact";
  }

  /**
   * A failed attempt of a step's activity. The activity id is part of it: after a kernel retry the
   * step is a new activity, whose attempts count from 1 again.
   */
  public static String failedAttempt(String stepKey, String activityId, int attempt) {
    return stepKey + "/" + activityId + "/attempt-" + attempt;
  }

  /** A kernel dependency outage met by a step's activity. */
  public static String kernelOutage(String stepKey, String activityId) {
    return stepKey + "/kernel/" + activityId;
  }
}
