package dev.agentruntime.api.run.approval;

import dev.agentruntime.api.problem.DomainException;

/** A decision that was not taken, and why; nothing changed. */
public class ApprovalRefused extends DomainException {

  /** Why, with the HTTP status and problem type each reason answers with. */
  public enum Reason {
    /** A different decision was recorded before. */
    ALREADY_DECIDED(409, "approval-already-decided", "Conflict"),
    /** The approval's run ended, or it was never pending. */
    NOT_PENDING(409, "approval-not-pending", "Conflict"),
    /** Nobody decided in time; the run went on as if denied. */
    EXPIRED(410, "approval-expired", "Gone"),
    /** The decision names other arguments than the pending ones. */
    ARGUMENTS_MISMATCH(412, "approval-arguments-mismatch", "Precondition Failed");

    final int status;
    final String slug;
    final String title;

    Reason(int status, String slug, String title) {
      this.status = status;
      this.slug = slug;
      this.title = title;
    }
  }

  private final Reason reason;

  public ApprovalRefused(Reason reason, String detail) {
    super(detail, null);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  @Override
  public int status() {
    return reason.status;
  }

  @Override
  public String slug() {
    return reason.slug;
  }

  @Override
  public String title() {
    return reason.title;
  }
}
