package dev.agentruntime.core.run.event;

import java.util.UUID;

/**
 * {@code tree.approval.requested}, in a root run's timeline: a run below it in its tree waits for a
 * person's decision on a tool call. The decision is made on that run's approval ({@code POST
 * /v1/runs/{runId}/approvals/{approvalId}}); its {@code approval.requested} event holds the rest.
 *
 * @param runId the descendant run that waits
 * @param depth its depth in the tree (1 for a child of the root)
 * @param expiresAt when the request expires, as {@link java.time.Instant#toString()} writes it
 */
public record DescendantApprovalRequested(
    UUID runId, int depth, String approvalId, String tool, String argumentsSha256, String expiresAt)
    implements RunEventPayload {}
