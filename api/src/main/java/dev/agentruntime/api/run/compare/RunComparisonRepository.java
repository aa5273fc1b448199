package dev.agentruntime.api.run.compare;

import static dev.agentruntime.api.db.SqlTimestamps.instant;

import dev.agentruntime.api.run.RunSourceResponse;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** What a comparison reads of one run; every method is tenant-first. */
@ApplicationScoped
public class RunComparisonRepository {

  /** A run's row as a comparison shows it. */
  public record Facts(
      UUID runId,
      UUID agentId,
      String agentName,
      UUID agentVersionId,
      int agentVersion,
      String alias,
      RunSourceResponse source,
      String status,
      String statusReason,
      String input,
      int steps,
      long totalTokens,
      Instant startedAt,
      Instant finishedAt,
      boolean purged) {}

  /** The model usage of a run for one provider and model (V16). */
  public record Usage(
      String provider, String model, long calls, long inputTokens, long outputTokens) {}

  /** A stored event of a run's timeline. */
  public record Event(String type, String payload) {}

  @SuppressWarnings("unchecked")
  public Optional<Facts> facts(String tenantId, UUID runId) {
    List<Object[]> rows =
        Panache.getEntityManager()
            .createNativeQuery(
                "select r.id, r.agent_id, a.name, r.agent_version_id, v.version, r.alias_name,"
                    + " r.source_run_id, r.source_kind, r.fork_step, r.status, r.status_reason,"
                    + " r.input::text, r.steps, r.total_tokens, r.started_at, r.finished_at,"
                    + " r.purge_started_at is not null"
                    + " from run r"
                    + " join agent a on a.tenant_id = r.tenant_id and a.id = r.agent_id"
                    + " join agent_version v on v.tenant_id = r.tenant_id"
                    + " and v.id = r.agent_version_id"
                    + " where r.tenant_id = ?1 and r.id = ?2")
            .setParameter(1, tenantId)
            .setParameter(2, runId)
            .getResultList();
    return rows.stream()
        .findFirst()
        .map(
            row ->
                new Facts(
                    (UUID) row[0],
                    (UUID) row[1],
                    (String) row[2],
                    (UUID) row[3],
                    ((Number) row[4]).intValue(),
                    (String) row[5],
                    RunSourceResponse.of(
                        (UUID) row[6],
                        (String) row[7],
                        row[8] == null ? null : ((Number) row[8]).intValue()),
                    (String) row[9],
                    (String) row[10],
                    (String) row[11],
                    ((Number) row[12]).intValue(),
                    ((Number) row[13]).longValue(),
                    row[14] == null ? null : instant(row[14]),
                    row[15] == null ? null : instant(row[15]),
                    (Boolean) row[16]));
  }

  /** The run's model usage by provider and model; its rows outlive the run's purge. */
  @SuppressWarnings("unchecked")
  public List<Usage> usage(String tenantId, UUID runId) {
    List<Object[]> rows =
        Panache.getEntityManager()
            .createNativeQuery(
                "select provider, model, count(*), sum(input_tokens), sum(output_tokens)"
                    + " from model_usage where tenant_id = ?1 and run_id = ?2"
                    + " group by provider, model order by provider, model")
            .setParameter(1, tenantId)
            .setParameter(2, runId)
            .getResultList();
    return rows.stream()
        .map(
            row ->
                new Usage(
                    (String) row[0],
                    (String) row[1],
                    ((Number) row[2]).longValue(),
                    ((Number) row[3]).longValue(),
                    ((Number) row[4]).longValue()))
        .toList();
  }

  /** Up to {@code limit} of the run's events of {@code types}, in timeline order. */
  @SuppressWarnings("unchecked")
  public List<Event> events(String tenantId, UUID runId, List<String> types, int limit) {
    List<Object[]> rows =
        Panache.getEntityManager()
            .createNativeQuery(
                "select type, payload::text from run_event"
                    + " where tenant_id = ?1 and run_id = ?2 and type in (?3)"
                    + " order by seq limit ?4")
            .setParameter(1, tenantId)
            .setParameter(2, runId)
            .setParameter(3, types)
            .setParameter(4, limit)
            .getResultList();
    return rows.stream().map(row -> new Event((String) row[0], (String) row[1])).toList();
  }
}
