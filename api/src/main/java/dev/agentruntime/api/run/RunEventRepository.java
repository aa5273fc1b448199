package dev.agentruntime.api.run;

import dev.agentruntime.core.run.RunEventTypes;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The timelines of one tenant's runs: every method takes the tenant first. */
@ApplicationScoped
public class RunEventRepository implements PanacheRepositoryBase<RunEventEntity, Long> {

  public List<RunEventEntity> listAfter(String tenantId, UUID runId, int afterSeq, int limit) {
    return find("tenantId = ?1 and runId = ?2 and seq > ?3 order by seq", tenantId, runId, afterSeq)
        .page(0, limit)
        .list();
  }

  /**
   * For each of these runs that has one, the event deciding its pending control request: its {@code
   * run.cancel_requested} (a cancel outranks any pause), else its latest {@link
   * PendingControls#TYPES} event.
   */
  public Map<UUID, RunEventEntity> latestControlEvents(String tenantId, Collection<UUID> runIds) {
    Map<UUID, RunEventEntity> latest = new HashMap<>();
    if (runIds.isEmpty()) {
      return latest;
    }
    find(
            "tenantId = ?1 and runId in ?2 and type in ?3 order by seq desc",
            tenantId,
            runIds,
            PendingControls.TYPES)
        .stream()
        .forEach(
            event -> {
              RunEventEntity seen = latest.get(event.runId);
              if (seen == null
                  || (event.type.equals(RunEventTypes.RUN_CANCEL_REQUESTED)
                      && !seen.type.equals(RunEventTypes.RUN_CANCEL_REQUESTED))) {
                latest.put(event.runId, event);
              }
            });
    return latest;
  }
}
