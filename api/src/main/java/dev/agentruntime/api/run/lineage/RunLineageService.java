package dev.agentruntime.api.run.lineage;

import dev.agentruntime.api.error.NotFound;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Answers a run's lineage within its tenant; reads only. */
@ApplicationScoped
public class RunLineageService {

  /**
   * The longest chain of sources answered. A lineage grows one run per fork or replay a person asks
   * for, so a real chain is far shorter; the bound keeps one answer one small query.
   */
  static final int MAX_ANCESTORS = 100;

  /** The most derived runs answered; an evaluation may replay one run many times. */
  static final int MAX_DERIVED = 100;

  private final RunLineageRepository lineage;

  public RunLineageService(RunLineageRepository lineage) {
    this.lineage = lineage;
  }

  public RunLineageResponse lineage(String tenantId, UUID runId) {
    List<LineageRun> chain = lineage.runAndSources(tenantId, runId, MAX_ANCESTORS);
    if (chain.isEmpty()) {
      throw new NotFound("Run " + runId);
    }
    List<LineageRun> ancestors = chain.subList(1, chain.size());
    LineageRun oldest = chain.get(chain.size() - 1);
    // The chain ended at the bound with a source still named: there is more above.
    boolean ancestorsTruncated = ancestors.size() == MAX_ANCESTORS && oldest.source() != null;
    List<LineageRun> derived = lineage.derivedFrom(tenantId, runId, MAX_DERIVED + 1);
    return new RunLineageResponse(
        runId,
        chain.get(0),
        List.copyOf(ancestors),
        ancestorsTruncated,
        derived.subList(0, Math.min(MAX_DERIVED, derived.size())),
        derived.size() > MAX_DERIVED);
  }
}
