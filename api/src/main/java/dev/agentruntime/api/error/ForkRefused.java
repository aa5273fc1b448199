package dev.agentruntime.api.error;

import dev.agentruntime.api.problem.Violation;
import java.util.List;

/** A fork of a run that was not admitted, and why; nothing was written. */
public final class ForkRefused extends DomainException {

  /** Why a fork was refused. */
  public enum Reason {
    /** The source run has not ended: its steps may still change. */
    SOURCE_NOT_FINISHED,
    /** The source run's data is purged or being purged: there is nothing to reuse. */
    SOURCE_PURGED,
    /** {@code fromStep} is not a step the source recorded. */
    STEP_OUT_OF_RANGE,
    /**
     * Fields that may not go together: {@code version} with {@code alias}, {@code routingKey}
     * without {@code alias}. 422, not 400: each field fits the schema alone.
     */
    CONFLICTING_FIELDS,
    /** The input after {@code inputPatch} is not a JSON object. */
    INPUT_NOT_AN_OBJECT,
    /** The source or the version asked for is a pipeline, whose steps are child runs. */
    PIPELINE
  }

  private final Reason reason;
  private final List<Violation> violations;

  public ForkRefused(Reason reason, String detail, List<Violation> violations) {
    super(detail, null);
    this.reason = reason;
    this.violations = List.copyOf(violations);
  }

  public ForkRefused(Reason reason, String detail) {
    this(reason, detail, List.of());
  }

  public Reason reason() {
    return reason;
  }

  public List<Violation> violations() {
    return violations;
  }
}
