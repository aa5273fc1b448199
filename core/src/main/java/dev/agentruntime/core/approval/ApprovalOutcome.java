package dev.agentruntime.core.approval;

/**
 * What became of an approval: decided by a person, expired, or cancelled with its run.
 *
 * @param status one of the {@link ApprovalStatus} wire names other than pending
 * @param actor who decided, or {@code null} when nobody did
 * @param decidedAtMillis workflow time of the decision (epoch milliseconds)
 */
public record ApprovalOutcome(
    String approvalId, String status, String actor, String comment, long decidedAtMillis) {

  public boolean approved() {
    return ApprovalStatus.APPROVED.equals(status);
  }
}
