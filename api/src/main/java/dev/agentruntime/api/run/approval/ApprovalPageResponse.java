package dev.agentruntime.api.run.approval;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of the tenant's approvals, newest first. */
public record ApprovalPageResponse(
    List<ApprovalResponse> items,
    @Schema(
            nullable = true,
            description =
                "Pass as `cursor`, with the same filters, for the next page; null on the last page")
        String nextCursor) {}
