package dev.agentruntime.core.run.event;

import java.util.List;

/**
 * {@code approval.requested}: tool call {@code index} of step {@code step} waits for a person.
 *
 * @param argumentsSha256 the SHA-256 of the canonical arguments the approver sees
 * @param expiresAt when it expires, as {@link java.time.Instant#toString()} writes it
 * @param approverRoles the roles that may decide it
 */
public record ApprovalRequested(
    String approvalId,
    int step,
    int index,
    String callId,
    String tool,
    String argumentsSha256,
    String expiresAt,
    List<String> approverRoles)
    implements RunEventPayload {

  public ApprovalRequested {
    approverRoles = List.copyOf(approverRoles);
  }
}
