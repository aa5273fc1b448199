package dev.agentruntime.core.run;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The event types of a run's timeline. Payloads are small JSON objects; large data lives in S3.
 * Each type's payload is one record of {@link dev.agentruntime.core.run.event.RunEventPayload},
 * written and read by {@link dev.agentruntime.core.run.event.RunEventJson}; the API and the worker
 * append records, so they append only these types, and the OpenAPI document lists exactly {@link
 * #ALL}, with one payload schema each.
 */
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

  /** A call of a tool of kind agent started a child run (docs/agent-spec.md, "Sub-agents"). */
  public static final String CHILD_RUN_STARTED = "child.run.started";

  /** In a root's timeline: a run below it waits for an approval. */
  public static final String TREE_APPROVAL_REQUESTED = "tree.approval.requested";

  /** A step of a pipeline run ended (docs/agent-spec.md, "Pipelines"). */
  public static final String PIPELINE_STEP_ENDED = "pipeline.step.ended";

  /**
   * The step recorded in this run's timeline brought its tenant's spend to a budget's soft
   * threshold (docs/operations.md, "Tenant budgets"): once per budget and period, for the whole
   * tenant.
   */
  public static final String TENANT_BUDGET_SOFT_EXCEEDED = "tenant.budget.soft_exceeded";

  /**
   * A step of a fork taken as its source run recorded it, without a model call or any tool call
   * (docs/api.md, "Forking a run").
   */
  public static final String STEP_REUSED = "step.reused";

  /**
   * A call of a fork that needed approval ran under an approval its source granted in the reused
   * steps, for byte-identical arguments (docs/api.md, "Forking a run").
   */
  public static final String APPROVAL_CARRIED = "approval.carried";

  /** The events that close a timeline: exactly one of them is a run's last event. */
  public static final Set<String> TERMINAL =
      Set.of(RUN_SUCCEEDED, RUN_FAILED, RUN_TIMED_OUT, RUN_CANCELLED);

  /**
   * A step met an outage of PostgreSQL or the object store; the workflow retries it under the
   * kernel's policy, not the agent's. Written only while the database takes writes.
   */
  public static final String KERNEL_DEPENDENCY_UNAVAILABLE = "kernel.dependency.unavailable";

  /**
   * The run's workflow was started without the run search attributes, which the namespace does not
   * have (docs/deployment.md, "Search attributes"): the run executes as any other, but Temporal's
   * UI cannot filter it by tenant or agent.
   */
  public static final String RUN_SEARCH_ATTRIBUTES_MISSING = "run.search_attributes.missing";

  /** Every type above, in declaration order. */
  public static final Set<String> ALL = declared();

  private RunEventTypes() {}

  /** Whether {@code type} is one of {@link #ALL}. */
  public static boolean isKnown(String type) {
    return ALL.contains(type);
  }

  /**
   * The event that closes the timeline of a run that ended in {@code status}.
   *
   * @throws IllegalArgumentException when {@code status} is not terminal
   */
  public static String terminalFor(RunStatus status) {
    return switch (status) {
      case SUCCEEDED -> RUN_SUCCEEDED;
      case FAILED -> RUN_FAILED;
      case TIMED_OUT -> RUN_TIMED_OUT;
      case CANCELLED -> RUN_CANCELLED;
      default -> throw new IllegalArgumentException(status + " is not a terminal status");
    };
  }

  /** Read from the constants themselves, so a type added above cannot be missing from ALL. */
  private static Set<String> declared() {
    Set<String> types = new LinkedHashSet<>();
    for (Field field : RunEventTypes.class.getDeclaredFields()) {
      int modifiers = field.getModifiers();
      if (Modifier.isPublic(modifiers)
          && Modifier.isStatic(modifiers)
          && field.getType() == String.class) {
        try {
          types.add((String) field.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return Collections.unmodifiableSet(types);
  }
}
