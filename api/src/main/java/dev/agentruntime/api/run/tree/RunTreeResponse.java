package dev.agentruntime.api.run.tree;

import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A run and every run below it, with what the whole tree spent. */
public record RunTreeResponse(
    @Schema(description = "The run asked for: the first of `runs`") UUID runId,
    @Schema(
            description =
                "The run and every run below it, by depth, then oldest first; at most "
                    + RunTreeService.MAX_RUNS)
        List<RunTreeNode> runs,
    @Schema(
            description =
                "Whether the tree has more runs than `runs` shows (`totals` counts them all)")
        boolean truncated,
    Totals totals) {

  /** Sums over the whole tree, the runs `runs` leaves out included. */
  @Schema(name = "RunTreeTotals")
  public record Totals(
      @Schema(description = "Runs in the tree, the run asked for included") long runs,
      @Schema(description = "Model steps of every run in the tree") long steps,
      @Schema(description = "Tokens of every run in the tree") long totalTokens) {}
}
