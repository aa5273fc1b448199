package dev.agentruntime.core.approval;

import java.util.List;

/** The states of an approval, as stored and shown. Only pending changes, and only once. */
public final class ApprovalStatus {

  public static final String PENDING = "pending";
  public static final String APPROVED = "approved";
  public static final String DENIED = "denied";
  public static final String EXPIRED = "expired";

  /** Its run ended (cancelled, timed out) before anyone decided. */
  public static final String CANCELLED = "cancelled";

  public static final List<String> ALL = List.of(PENDING, APPROVED, DENIED, EXPIRED, CANCELLED);

  /** The roles whose holders may decide. */
  public static final List<String> APPROVER_ROLES = List.of("approver", "agent-admin");

  private ApprovalStatus() {}

  /** The status a decision leads to. */
  public static String of(String decision) {
    return ApprovalDecision.APPROVE.equals(decision) ? APPROVED : DENIED;
  }
}
