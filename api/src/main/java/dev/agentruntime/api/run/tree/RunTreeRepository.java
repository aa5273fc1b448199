package dev.agentruntime.api.run.tree;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Which runs a tree holds and what they spent together; every method is tenant-first. */
@ApplicationScoped
public class RunTreeRepository {

  /** The first runs of a subtree in tree order, and the sums over all of it. */
  public record Subtree(List<UUID> firstRunIds, long runs, long steps, long totalTokens) {}

  /**
   * Up to {@code limit} runs of the subtree of {@code runId} (it first), by depth and creation; the
   * sums are taken before the limit (window functions run before it), so they hold for the whole
   * subtree in one statement.
   *
   * @param root whether {@code runId} is a root
   */
  @SuppressWarnings("unchecked")
  public Subtree subtree(String tenantId, UUID runId, boolean root, int limit) {
    List<Object[]> rows =
        Panache.getEntityManager()
            .createNativeQuery(
                RunSubtree.cte(root)
                    + " select r.id, count(*) over (), sum(r.steps) over (),"
                    + " sum(r.total_tokens) over ()"
                    + " from subtree s join run r on r.tenant_id = ?1 and r.id = s.id"
                    + " order by r.depth, r.created_at, r.id limit ?3")
            .setParameter(1, tenantId)
            .setParameter(2, runId)
            .setParameter(3, limit)
            .getResultList();
    if (rows.isEmpty()) {
      return new Subtree(List.of(), 0, 0, 0);
    }
    Object[] first = rows.get(0);
    return new Subtree(
        rows.stream().map(row -> (UUID) row[0]).toList(),
        ((Number) first[1]).longValue(),
        ((Number) first[2]).longValue(),
        ((Number) first[3]).longValue());
  }
}
