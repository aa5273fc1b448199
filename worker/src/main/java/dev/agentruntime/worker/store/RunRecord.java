package dev.agentruntime.worker.store;

import dev.agentruntime.core.run.RunStatus;
import java.util.UUID;

/**
 * The parts of a run row the worker reads.
 *
 * @param inputJson the run's input as JSON text
 * @param tree for a child run, its place in its tree and what its parent reserved for it; {@code
 *     null} for a root
 * @param forkStep for a fork of another run, its first live step; {@code null} otherwise
 */
public record RunRecord(
    String tenantId,
    UUID id,
    UUID agentVersionId,
    String workflowId,
    RunStatus status,
    String inputJson,
    Tree tree,
    Integer forkStep) {

  /**
   * A child run's place in its tree.
   *
   * @param depth 1 for a child of the root
   * @param maxSteps steps its parent reserved for it, which its limits never exceed
   * @param maxTokens tokens likewise
   * @param maxDepth levels of children it may still start
   */
  public record Tree(
      UUID parentRunId, UUID rootRunId, int depth, int maxSteps, int maxTokens, int maxDepth) {}

  public RunRecord(
      String tenantId,
      UUID id,
      UUID agentVersionId,
      String workflowId,
      RunStatus status,
      String inputJson) {
    this(tenantId, id, agentVersionId, workflowId, status, inputJson, null, null);
  }
}
