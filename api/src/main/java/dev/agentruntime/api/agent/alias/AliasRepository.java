package dev.agentruntime.api.agent.alias;

import static dev.agentruntime.api.db.SqlTimestamps.instant;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Aliases and their history (V25), always within one tenant: every method takes the tenant first.
 * Callers hold the agent's row lock ({@code AgentRepository.lockAgent}), which orders the changes
 * of one agent's aliases.
 */
@ApplicationScoped
class AliasRepository {

  private static final String COLUMNS =
      "name, version, canary_version, canary_weight, revision, updated_at, updated_by";

  Optional<AliasResponse> find(String tenantId, UUID agentId, String name) {
    List<?> rows =
        em().createNativeQuery(
                "select "
                    + COLUMNS
                    + " from agent_alias where tenant_id = ?1 and agent_id = ?2 and name = ?3")
            .setParameter(1, tenantId)
            .setParameter(2, agentId)
            .setParameter(3, name)
            .getResultList();
    return rows.stream().findFirst().map(row -> alias(agentId, (Object[]) row));
  }

  /**
   * The aliases of the tenant's agents of these names, by agent name; an agent without aliases and
   * a name the tenant has no agent of (another tenant's agent of that name included) are absent.
   */
  Map<String, Set<String>> namesByAgentName(String tenantId, Collection<String> agentNames) {
    Map<String, Set<String>> out = new HashMap<>();
    if (agentNames.isEmpty()) {
      return out;
    }
    List<?> rows =
        em().createNativeQuery(
                "select a.name, al.name from agent a join agent_alias al"
                    + " on al.tenant_id = a.tenant_id and al.agent_id = a.id"
                    + " where a.tenant_id = ?1 and a.name in (?2)")
            .setParameter(1, tenantId)
            .setParameter(2, agentNames)
            .getResultList();
    for (Object row : rows) {
      Object[] columns = (Object[]) row;
      out.computeIfAbsent((String) columns[0], name -> new TreeSet<>()).add((String) columns[1]);
    }
    return out;
  }

  List<AliasResponse> list(String tenantId, UUID agentId) {
    List<?> rows =
        em().createNativeQuery(
                "select "
                    + COLUMNS
                    + " from agent_alias where tenant_id = ?1 and agent_id = ?2 order by name")
            .setParameter(1, tenantId)
            .setParameter(2, agentId)
            .getResultList();
    return rows.stream().map(row -> alias(agentId, (Object[]) row)).toList();
  }

  /** The revision the alias's next change makes: one past any it ever had, deletions included. */
  int nextRevision(String tenantId, UUID agentId, String name) {
    Number last =
        (Number)
            em().createNativeQuery(
                    "select coalesce(max(revision), 0) from agent_alias_change"
                        + " where tenant_id = ?1 and agent_id = ?2 and name = ?3")
                .setParameter(1, tenantId)
                .setParameter(2, agentId)
                .setParameter(3, name)
                .getSingleResult();
    return last.intValue() + 1;
  }

  /** Writes the alias as {@code target} at {@code revision}, and its history's entry. */
  void save(
      String tenantId,
      UUID agentId,
      String name,
      PutAliasRequest target,
      int revision,
      boolean created,
      String actor) {
    AliasCanary canary = target.canary();
    em().createNativeQuery(
            "insert into agent_alias (tenant_id, agent_id, name, version, canary_version,"
                + " canary_weight, revision, updated_at, updated_by)"
                + " values (?1, ?2, ?3, ?4, ?5, ?6, ?7, now(), ?8)"
                + " on conflict (tenant_id, agent_id, name) do update set"
                + " version = excluded.version, canary_version = excluded.canary_version,"
                + " canary_weight = excluded.canary_weight, revision = excluded.revision,"
                + " updated_at = excluded.updated_at, updated_by = excluded.updated_by")
        .setParameter(1, tenantId)
        .setParameter(2, agentId)
        .setParameter(3, name)
        .setParameter(4, target.version())
        .setParameter(5, canary == null ? null : canary.version())
        .setParameter(6, canary == null ? null : canary.weight())
        .setParameter(7, revision)
        .setParameter(8, actor)
        .executeUpdate();
    record(tenantId, agentId, name, revision, created ? "created" : "moved", target, actor);
  }

  void delete(String tenantId, UUID agentId, String name, int revision, String actor) {
    em().createNativeQuery(
            "delete from agent_alias where tenant_id = ?1 and agent_id = ?2 and name = ?3")
        .setParameter(1, tenantId)
        .setParameter(2, agentId)
        .setParameter(3, name)
        .executeUpdate();
    record(tenantId, agentId, name, revision, "deleted", null, actor);
  }

  /** The alias's changes, newest first, at most {@code limit}. */
  List<AliasChangeResponse> history(String tenantId, UUID agentId, String name, int limit) {
    List<?> rows =
        em().createNativeQuery(
                "select revision, action, version, canary_version, canary_weight, changed_at,"
                    + " changed_by from agent_alias_change"
                    + " where tenant_id = ?1 and agent_id = ?2 and name = ?3"
                    + " order by id desc limit ?4")
            .setParameter(1, tenantId)
            .setParameter(2, agentId)
            .setParameter(3, name)
            .setParameter(4, limit)
            .getResultList();
    return rows.stream()
        .map(
            r -> {
              Object[] row = (Object[]) r;
              return new AliasChangeResponse(
                  ((Number) row[0]).intValue(),
                  (String) row[1],
                  row[2] == null ? null : ((Number) row[2]).intValue(),
                  canary(row[3], row[4]),
                  instant(row[5]),
                  (String) row[6]);
            })
        .toList();
  }

  private void record(
      String tenantId,
      UUID agentId,
      String name,
      int revision,
      String action,
      PutAliasRequest target,
      String actor) {
    AliasCanary canary = target == null ? null : target.canary();
    em().createNativeQuery(
            "insert into agent_alias_change (tenant_id, agent_id, name, revision, action,"
                + " version, canary_version, canary_weight, changed_at, changed_by)"
                + " values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, now(), ?9)")
        .setParameter(1, tenantId)
        .setParameter(2, agentId)
        .setParameter(3, name)
        .setParameter(4, revision)
        .setParameter(5, action)
        .setParameter(6, target == null ? null : target.version())
        .setParameter(7, canary == null ? null : canary.version())
        .setParameter(8, canary == null ? null : canary.weight())
        .setParameter(9, actor)
        .executeUpdate();
  }

  private static AliasResponse alias(UUID agentId, Object[] row) {
    return new AliasResponse(
        agentId,
        (String) row[0],
        ((Number) row[1]).intValue(),
        canary(row[2], row[3]),
        ((Number) row[4]).intValue(),
        instant(row[5]),
        (String) row[6]);
  }

  private static AliasCanary canary(Object version, Object weight) {
    if (version == null) {
      return null;
    }
    return new AliasCanary(((Number) version).intValue(), ((Number) weight).intValue());
  }

  private static EntityManager em() {
    return Panache.getEntityManager();
  }
}
