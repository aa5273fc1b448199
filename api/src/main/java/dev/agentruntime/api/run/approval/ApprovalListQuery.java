package dev.agentruntime.api.run.approval;

import dev.agentruntime.api.error.InvalidParameter;
import dev.agentruntime.api.run.RunCursor;
import dev.agentruntime.core.approval.ApprovalStatus;
import java.util.UUID;

/**
 * The filters of the tenant's approval listing ({@code GET /v1/approvals}); a null field means "no
 * filter".
 *
 * @param status one of {@link ApprovalStatus#ALL}
 * @param agentId only approvals of runs of this agent
 */
public record ApprovalListQuery(String status, UUID agentId) {

  /** The first line of every fingerprint: no tenant id looks like it, so no run listing's does. */
  private static final String LISTING = "GET /v1/approvals";

  /** The query from the request's parameters; a status that is not a wire name is a 400. */
  public static ApprovalListQuery of(String status, UUID agentId) {
    if (status != null && !ApprovalStatus.ALL.contains(status)) {
      throw new InvalidParameter("status", "one of " + String.join(", ", ApprovalStatus.ALL));
    }
    return new ApprovalListQuery(status, agentId);
  }

  /**
   * A digest of the tenant and the filters, carried by the cursor: a cursor used with other
   * filters, by another tenant or on a run listing is refused.
   */
  public String fingerprint(String tenantId) {
    return RunCursor.fingerprint(
        String.join("\n", LISTING, tenantId, String.valueOf(status), String.valueOf(agentId)));
  }
}
