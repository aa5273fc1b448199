package dev.agentruntime.core.run;

import java.util.Set;

/** The event types of a run's timeline. Payloads are small JSON objects; large data lives in S3. */
public final class RunEventTypes {
  public static final String RUN_QUEUED = "run.queued";
  public static final String RUN_STARTED = "run.started";
  public static final String MODEL_CALL_COMPLETED = "model.call.completed";
  public static final String MODEL_CALL_FAILED = "model.call.failed";

  /** A turn of an HTTP agent (docs/agent-protocol.md): its answer, or a failed attempt. */
  public static final String AGENT_TURN_COMPLETED = "agent.turn.completed";

  public static final String AGENT_TURN_FAILED = "agent.turn.failed";
  public static final String TOOL_CALL_COMPLETED = "tool.call.completed";
  public static final String TOOL_CALL_FAILED = "tool.call.failed";
  public static final String ARTIFACT_CREATED = "artifact.created";
  public static final String RUN_SUCCEEDED = "run.succeeded";
  public static final String RUN_FAILED = "run.failed";
  public static final String RUN_TIMED_OUT = "run.timed_out";
  public static final String RUN_CANCELLED = "run.cancelled";

  /** Control actions, each carrying the actor (token subject) and an optional reason. */
  public static final String RUN_CANCEL_REQUESTED = "run.cancel_requested";

  public static final String RUN_PAUSE_REQUESTED = "run.pause_requested";
  public static final String RUN_RESUME_REQUESTED = "run.resume_requested";

  /** State changes the workflow records when it acts on a request, with who asked. */
  public static final String RUN_PAUSED = "run.paused";

  public static final String RUN_RESUMED = "run.resumed";
  public static final String APPROVAL_REQUESTED = "approval.requested";
  public static final String APPROVAL_DECIDED = "approval.decided";

  /** The events that close a timeline: exactly one of them is a run's last event. */
  public static final Set<String> TERMINAL =
      Set.of(RUN_SUCCEEDED, RUN_FAILED, RUN_TIMED_OUT, RUN_CANCELLED);

  /**
   * A step met an outage of PostgreSQL or the object store; the workflow retries it under the
   * kernel's policy, not the agent's. Written only while the database takes writes.
   */
  public static final String KERNEL_DEPENDENCY_UNAVAILABLE = "kernel.dependency.unavailable";

  private RunEventTypes() {}
}
