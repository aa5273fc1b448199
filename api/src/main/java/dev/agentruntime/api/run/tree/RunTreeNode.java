package dev.agentruntime.api.run.tree;

import dev.agentruntime.api.run.RunEntity;
import dev.agentruntime.api.run.RunRepository.RunView;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One run of a tree, as {@code GET /v1/runs/{id}/tree} lists it: what it is and what it spent. */
public record RunTreeNode(
    UUID id,
    @Schema(
            nullable = true,
            description = "The run whose sub-agent call started it; null for a root")
        UUID parentRunId,
    @Schema(
            minimum = "0",
            maximum = "5",
            description = "Its depth in the whole tree: 0 for the root, 1 for its children")
        int depth,
    String agentName,
    int agentVersion,
    String status,
    @Schema(nullable = true, description = "Why the run ended as it did; null until then")
        String statusReason,
    @Schema(description = "Model steps of this run itself (not of its children)") int steps,
    @Schema(description = "Tokens of this run itself (not of its children)") long totalTokens,
    Instant createdAt,
    @Schema(nullable = true) Instant startedAt,
    @Schema(nullable = true) Instant finishedAt) {

  static RunTreeNode of(RunView view) {
    RunEntity run = view.run();
    return new RunTreeNode(
        run.id,
        run.parentRunId,
        run.depth,
        view.agentName(),
        view.agentVersion(),
        run.status,
        run.statusReason,
        run.steps,
        run.totalTokens,
        run.createdAt,
        run.startedAt,
        run.finishedAt);
  }
}
