package dev.agentruntime.api.run.tree;

import dev.agentruntime.api.error.NotFound;
import dev.agentruntime.api.run.RunEntity;
import dev.agentruntime.api.run.RunRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Reads a run's tree within one tenant; writes nothing. */
@ApplicationScoped
public class RunTreeService {

  /**
   * The most runs one answer lists. A tree is bounded by its root's steps (every child reserves at
   * least one), but not tightly: the cap keeps an answer small, and the totals still count all.
   */
  public static final int MAX_RUNS = 1000;

  private final RunRepository runs;
  private final RunTreeRepository trees;

  public RunTreeService(RunRepository runs, RunTreeRepository trees) {
    this.runs = runs;
    this.trees = trees;
  }

  /** The run {@code runId} and every run below it; 404 when it is not a run of the tenant. */
  public RunTreeResponse tree(String tenantId, UUID runId) {
    RunEntity run =
        runs.findView(tenantId, runId).orElseThrow(() -> new NotFound("Run " + runId)).run();
    RunTreeRepository.Subtree subtree =
        trees.subtree(tenantId, runId, run.parentRunId == null, MAX_RUNS);
    return new RunTreeResponse(
        runId,
        runs.listViewsInTreeOrder(tenantId, subtree.firstRunIds()).stream()
            .map(RunTreeNode::of)
            .toList(),
        subtree.runs() > subtree.firstRunIds().size(),
        new RunTreeResponse.Totals(subtree.runs(), subtree.steps(), subtree.totalTokens()));
  }
}
