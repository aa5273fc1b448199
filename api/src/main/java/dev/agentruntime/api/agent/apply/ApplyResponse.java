package dev.agentruntime.api.agent.apply;

import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The plan of an apply: what it changes (or, with {@code dryRun}, would change). */
public record ApplyResponse(
    @Schema(description = "True when nothing was changed: the plan only") boolean dryRun,
    @Schema(description = "One entry per file, agents in the order they were applied")
        List<FileChange> changes) {

  /** What one file changes. */
  public record FileChange(
      String file,
      String agent,
      @Schema(nullable = true, description = "The agent's id; null for one a dry run would create")
          UUID agentId,
      @Schema(
              enumeration = {"created", "new_version", "unchanged"},
              description =
                  "created: a new agent with this version; new_version: a version published;"
                      + " unchanged: the spec is already this version (the content hash decides)")
          String action,
      @Schema(minimum = "1", description = "The version the file's spec is (or would be)")
          int version,
      @Schema(description = "Whether the agent's description changes") boolean descriptionChanged,
      @Schema(description = "The aliases this file points") List<AliasMove> aliases) {}

  /** What happens to one alias. */
  public record AliasMove(
      String name,
      @Schema(enumeration = {"created", "moved", "unchanged"}) String action,
      @Schema(nullable = true, description = "Where it pointed before; null when created")
          AliasTarget from,
      AliasTarget to) {}
}
