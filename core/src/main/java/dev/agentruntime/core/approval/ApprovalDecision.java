package dev.agentruntime.core.approval;

/**
 * A person's decision on a pending approval, as sent to the run's workflow (an update).
 *
 * @param approvalId the approval decided
 * @param decision {@link #APPROVE} or {@link #DENY}
 * @param argumentsSha256 SHA-256 (lowercase hex) of the canonical JSON of the arguments the person
 *     saw; a decision on other arguments than the pending ones is refused
 * @param actor the subject of the decider's token
 * @param comment free text, or {@code null}
 */
public record ApprovalDecision(
    String approvalId, String decision, String argumentsSha256, String actor, String comment) {

  public static final String APPROVE = "approve";
  public static final String DENY = "deny";
}
