package dev.agentruntime.api.usage;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** Sums of the model_usage table (V16); every method is tenant-first. */
@ApplicationScoped
public class UsageRepository {

  /** The sums of one group's calls of one model. */
  public record Sums(
      String key, String provider, String model, long calls, long inputTokens, long outputTokens) {}

  /**
   * The tenant's calls recorded in {@code range}, summed by the grouping's key and by model (the
   * price is per model, so a group's cost is the sum of its models' costs), ordered by key.
   */
  @SuppressWarnings("unchecked")
  public List<Sums> sums(String tenantId, UsageRange range, UsageGrouping grouping) {
    String key =
        switch (grouping) {
          case AGENT -> "a.name";
          case MODEL -> "u.provider || coalesce('/' || u.model, '')";
          case DAY -> "to_char(u.recorded_at at time zone 'UTC', 'YYYY-MM-DD')";
        };
    String agents =
        grouping == UsageGrouping.AGENT
            ? " join agent a on a.tenant_id = u.tenant_id and a.id = u.agent_id"
            : "";
    List<Object[]> rows =
        Panache.getEntityManager()
            .createNativeQuery(
                "select "
                    + key
                    + ", u.provider, u.model, count(*), sum(u.input_tokens),"
                    + " sum(u.output_tokens) from model_usage u"
                    + agents
                    + " where u.tenant_id = ?1 and u.recorded_at >= ?2 and u.recorded_at < ?3"
                    + " group by 1, 2, 3 order by 1, 2, 3")
            .setParameter(1, tenantId)
            .setParameter(2, OffsetDateTime.ofInstant(range.from(), ZoneOffset.UTC))
            .setParameter(3, OffsetDateTime.ofInstant(range.to(), ZoneOffset.UTC))
            .getResultList();
    return rows.stream()
        .map(
            row ->
                new Sums(
                    (String) row[0],
                    (String) row[1],
                    (String) row[2],
                    ((Number) row[3]).longValue(),
                    ((Number) row[4]).longValue(),
                    ((Number) row[5]).longValue()))
        .toList();
  }
}
