package dev.agentruntime.api.error;

/** A decision on an approval that was not taken, and why; nothing changed. */
public final class ApprovalRefused extends DomainException {

  /** Why a decision was refused. */
  public enum Reason {
    /** A different decision was recorded before. */
    ALREADY_DECIDED,
    /** The approval's run ended, or it was never pending. */
    NOT_PENDING,
    /** Nobody decided in time; the run went on as if denied. */
    EXPIRED,
    /** The decision names other arguments than the pending ones. */
    ARGUMENTS_MISMATCH,
    /**
     * The decider started the run, and the operator requires someone else to decide ({@code
     * agent-runtime.approvals.require-separate-decider}).
     */
    STARTER_MAY_NOT_DECIDE
  }

  private final Reason reason;

  public ApprovalRefused(Reason reason, String detail) {
    super(detail, null);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
