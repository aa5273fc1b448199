package dev.agentruntime.api.run.approval;

/** A decision that was not taken, and why; nothing changed. */
public class ApprovalRefused extends RuntimeException {

  /** Why, with the HTTP status and problem type each reason answers with. */
  public enum Reason {
    /** A different decision was recorded before. */
    ALREADY_DECIDED(409, "approval-already-decided"),
    /** The approval's run ended, or it was never pending. */
    NOT_PENDING(409, "approval-not-pending"),
    /** Nobody decided in time; the run went on as if denied. */
    EXPIRED(410, "approval-expired"),
    /** The decision names other arguments than the pending ones. */
    ARGUMENTS_MISMATCH(412, "approval-arguments-mismatch");

    public final int status;
    public final String slug;

    Reason(int status, String slug) {
      this.status = status;
      this.slug = slug;
    }
  }

  private final Reason reason;

  public ApprovalRefused(Reason reason, String detail) {
    super(detail, null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
