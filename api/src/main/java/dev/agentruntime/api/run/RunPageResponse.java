package dev.agentruntime.api.run;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a run listing, newest first. */
public record RunPageResponse(
    List<RunResponse> items,
    @Schema(
            nullable = true,
            description =
                "Pass as `cursor`, with the same filters, for the next page; null on the last page")
        String nextCursor) {}
