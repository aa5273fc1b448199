package dev.agentruntime.api.run;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** The timelines of one tenant's runs: every method takes the tenant first. */
@ApplicationScoped
public class RunEventRepository implements PanacheRepositoryBase<RunEventEntity, Long> {

  public List<RunEventEntity> listAfter(String tenantId, UUID runId, int afterSeq, int limit) {
    return find("tenantId = ?1 and runId = ?2 and seq > ?3 order by seq", tenantId, runId, afterSeq)
        .page(0, limit)
        .list();
  }
}
