package dev.agentruntime.core.activity;

import java.util.List;

/**
 * Where a fork goes on from once its reused steps are in place: what its first live step reads, as
 * the step after them would have read it in the source.
 *
 * @param firstLiveStep the fork's first step that runs live ({@code fromStep})
 * @param transcriptKey the fork's transcript after the answer of the last reused step
 * @param transcriptSha256 its digest as written ({@link ObjectDigests})
 * @param toolResultKeys the fork's copies of the last reused step's tool results, in call order
 * @param toolResultShas their digests as written, in the same order
 * @param approvals the source's approvals granted in the reused steps, which calls of the fork with
 *     byte-identical arguments may run under (each at most once)
 */
public record ForkPrefix(
    int firstLiveStep,
    String transcriptKey,
    String transcriptSha256,
    List<String> toolResultKeys,
    List<String> toolResultShas,
    List<CarriedApproval> approvals) {

  public ForkPrefix {
    toolResultKeys = toolResultKeys == null ? List.of() : List.copyOf(toolResultKeys);
    toolResultShas = toolResultShas == null ? List.of() : List.copyOf(toolResultShas);
    approvals = approvals == null ? List.of() : List.copyOf(approvals);
  }
}
