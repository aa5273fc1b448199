package dev.agentruntime.api.run.transcript;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** What a transcript needs of a run's row; tenant first. */
@ApplicationScoped
public class TranscriptRunRepository {

  /**
   * @param steps the last step the run recorded
   * @param purged whether retention began purging its data
   */
  public record RunState(String status, int steps, boolean purged) {}

  @SuppressWarnings("unchecked")
  public Optional<RunState> find(String tenantId, UUID runId) {
    List<Object[]> rows =
        Panache.getEntityManager()
            .createNativeQuery(
                "select status, steps, purge_started_at is not null from run"
                    + " where tenant_id = ?1 and id = ?2")
            .setParameter(1, tenantId)
            .setParameter(2, runId)
            .getResultList();
    return rows.stream()
        .findFirst()
        .map(row -> new RunState((String) row[0], ((Number) row[1]).intValue(), (Boolean) row[2]));
  }
}
