package dev.agentruntime.core.activity;

import java.util.List;
import java.util.UUID;

/**
 * A call of a fork that needs approval, and the source's approvals of its tool not yet carried.
 *
 * @param transcriptKey the fork's transcript holding the answer that asked for the call
 * @param candidates in the order the source granted them
 */
public record ApprovalCarry(
    String tenantId,
    UUID runId,
    int step,
    ToolCallRef call,
    String transcriptKey,
    List<CarriedApproval> candidates) {

  public ApprovalCarry {
    candidates = candidates == null ? List.of() : List.copyOf(candidates);
  }
}
