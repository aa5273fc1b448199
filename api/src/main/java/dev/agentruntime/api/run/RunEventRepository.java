package dev.agentruntime.api.run;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** The timelines of one tenant's runs: every method takes the tenant first. */
@ApplicationScoped
public class RunEventRepository implements PanacheRepositoryBase<RunEventEntity, Long> {

  public List<RunEventEntity> listAfter(String tenantId, UUID runId, int afterSeq, int limit) {
    return find("tenantId = ?1 and runId = ?2 and seq > ?3 order by seq", tenantId, runId, afterSeq)
        .page(0, limit)
        .list();
  }

  /**
   * The {@link PendingControls#TYPES} events of these runs, by run, newest first: a run has a few
   * of them (four per pause and resume), and only runs that have not ended are asked for.
   */
  public Map<UUID, List<RunEventEntity>> controlEvents(String tenantId, Collection<UUID> runIds) {
    if (runIds.isEmpty()) {
      return Map.of();
    }
    return find(
            "tenantId = ?1 and runId in ?2 and type in ?3 order by seq desc",
            tenantId,
            runIds,
            PendingControls.TYPES)
        .stream()
        .collect(Collectors.groupingBy(event -> event.runId));
  }
}
