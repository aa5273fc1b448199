package dev.agentruntime.core.activity;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.agentruntime.core.spec.LimitsSpec;
import dev.agentruntime.core.spec.RetrySpec;
import dev.agentruntime.core.spec.RuntimeKind;
import java.util.List;
import java.util.Optional;

/**
 * What the workflow needs of a run's spec, and nothing more: the spec itself stays in PostgreSQL
 * (activities read it by the pinned version), so the history holds a few hundred bytes per run
 * instead of the whole spec.
 *
 * @param transcriptKey object key of the opening transcript (instructions and the run's input)
 * @param limits the run's budget
 * @param retry the retry policy of its steps
 * @param tools the policies of the tools that need approval or reach the network (others are not
 *     listed); {@code null} in plans recorded before approvals existed
 * @param runtime who decides each step: the built-in loop's model or an HTTP agent; {@code null}
 *     (the built-in loop) in plans recorded before HTTP agents existed
 * @param transcriptSha256 SHA-256 of the opening transcript as written ({@link ObjectDigests});
 *     {@code null} in plans recorded before it existed
 * @param maxPausedSeconds how long the run may stay paused before it ends ({@code cancelled});
 *     {@code null} for the default, {@value #DEFAULT_MAX_PAUSED_SECONDS} s (7 days), and in plans
 *     recorded before the cap existed
 * @param pipeline the stages of a pipeline run ({@code runtime} pipeline); {@code null} otherwise
 * @param forkStep for a fork of another run, its first live step (the steps before it are taken
 *     from the source, {@link ForkActivities}); {@code null} otherwise, and in plans recorded
 *     before forks existed
 */
public record RunPlan(
    String transcriptKey,
    LimitsSpec limits,
    RetrySpec retry,
    List<ToolPolicy> tools,
    RuntimeKind runtime,
    String transcriptSha256,
    Integer maxPausedSeconds,
    PipelinePlan pipeline,
    Integer forkStep) {

  /** Seven days: long enough for a weekend, short enough that old workflow code can retire. */
  public static final int DEFAULT_MAX_PAUSED_SECONDS = 7 * 24 * 3600;

  public RunPlan(
      String transcriptKey,
      LimitsSpec limits,
      RetrySpec retry,
      List<ToolPolicy> tools,
      RuntimeKind runtime,
      String transcriptSha256,
      Integer maxPausedSeconds,
      PipelinePlan pipeline) {
    this(
        transcriptKey,
        limits,
        retry,
        tools,
        runtime,
        transcriptSha256,
        maxPausedSeconds,
        pipeline,
        null);
  }

  public RunPlan(
      String transcriptKey,
      LimitsSpec limits,
      RetrySpec retry,
      List<ToolPolicy> tools,
      RuntimeKind runtime,
      String transcriptSha256,
      Integer maxPausedSeconds) {
    this(
        transcriptKey,
        limits,
        retry,
        tools,
        runtime,
        transcriptSha256,
        maxPausedSeconds,
        null,
        null);
  }

  public RunPlan(
      String transcriptKey,
      LimitsSpec limits,
      RetrySpec retry,
      List<ToolPolicy> tools,
      RuntimeKind runtime,
      String transcriptSha256) {
    this(transcriptKey, limits, retry, tools, runtime, transcriptSha256, null, null, null);
  }

  public RunPlan(String transcriptKey, LimitsSpec limits, RetrySpec retry, List<ToolPolicy> tools) {
    this(transcriptKey, limits, retry, tools, null, null, null, null, null);
  }

  public RunPlan(
      String transcriptKey,
      LimitsSpec limits,
      RetrySpec retry,
      List<ToolPolicy> tools,
      RuntimeKind runtime) {
    this(transcriptKey, limits, retry, tools, runtime, null, null, null, null);
  }

  /** How long the run may stay paused: {@link #maxPausedSeconds} or the default. */
  @JsonIgnore // derived, not a field of the stored JSON
  public int maxPausedSecondsOrDefault() {
    return maxPausedSeconds == null ? DEFAULT_MAX_PAUSED_SECONDS : maxPausedSeconds;
  }

  /** Whether steps before the first are taken from another run (a fork from step 2 on). */
  @JsonIgnore // derived, not a field of the stored JSON
  public boolean reusesSteps() {
    return forkStep != null && forkStep > 1;
  }

  /** Whether an HTTP agent, not the built-in loop, takes each step. */
  @JsonIgnore // derived, not a field of the stored JSON
  public boolean httpAgent() {
    return runtime == RuntimeKind.HTTP;
  }

  /** Whether calls of the tool named {@code name} run as scheduled activities. */
  public boolean scheduled(String name) {
    return tools != null && tools.stream().anyMatch(t -> t.name().equals(name) && t.scheduled());
  }

  /** Whether calls of the tool named {@code name} run as child runs (a tool of kind agent). */
  public boolean childRun(String name) {
    return tools != null && tools.stream().anyMatch(t -> t.name().equals(name) && t.childRun());
  }

  /** The policy of the tool named {@code name} when it needs approval. */
  public Optional<ToolPolicy> approvalPolicy(String name) {
    return tools == null
        ? Optional.empty()
        : tools.stream().filter(t -> t.name().equals(name) && t.requiresApproval()).findFirst();
  }
}
