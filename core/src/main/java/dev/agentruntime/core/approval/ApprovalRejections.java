package dev.agentruntime.core.approval;

/**
 * Why the workflow refused a decision: the failure types its update validator raises, which the API
 * turns into answers. Nothing changes when a decision is refused.
 */
public final class ApprovalRejections {

  /** The run has no pending approval by that id (404). */
  public static final String NOT_PENDING = "ApprovalNotPending";

  /** The decision names other arguments than the pending ones (412). */
  public static final String ARGUMENTS_MISMATCH = "ApprovalArgumentsMismatch";

  /** A different decision was recorded before (409). */
  public static final String ALREADY_DECIDED = "ApprovalAlreadyDecided";

  /** The approval expired; the run went on as if denied (410). */
  public static final String EXPIRED = "ApprovalExpired";

  private ApprovalRejections() {}
}
