package dev.agentruntime.api.agent;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

/** Immutable agent versions of one tenant: every method takes the tenant first. */
@ApplicationScoped
public class AgentVersionRepository implements PanacheRepositoryBase<AgentVersionEntity, UUID> {

  public Optional<AgentVersionEntity> findVersion(String tenantId, UUID agentId, int version) {
    return find("tenantId = ?1 and agentId = ?2 and version = ?3", tenantId, agentId, version)
        .firstResultOptional();
  }

  public Optional<AgentVersionEntity> findLatest(String tenantId, UUID agentId) {
    return find("tenantId = ?1 and agentId = ?2 order by version desc", tenantId, agentId)
        .firstResultOptional();
  }

  public List<AgentVersionEntity> listVersions(String tenantId, UUID agentId) {
    return find("tenantId = ?1 and agentId = ?2 order by version", tenantId, agentId).list();
  }

  /**
   * The version numbers of the tenant's agents with these names: an agent without versions maps to
   * an empty set, a name the tenant has no agent of is absent (another tenant's agent of that name
   * included).
   */
  public Map<String, TreeSet<Integer>> versionsByAgentName(
      String tenantId, Collection<String> agentNames) {
    Map<String, TreeSet<Integer>> out = new HashMap<>();
    if (agentNames.isEmpty()) {
      return out;
    }
    getEntityManager()
        .createQuery(
            "select a.name, v.version from AgentEntity a"
                + " left join AgentVersionEntity v on v.tenantId = a.tenantId and v.agentId = a.id"
                + " where a.tenantId = :tenant and a.name in :names",
            Object[].class)
        .setParameter("tenant", tenantId)
        .setParameter("names", agentNames)
        .getResultStream()
        .forEach(
            row -> {
              TreeSet<Integer> versions =
                  out.computeIfAbsent((String) row[0], name -> new TreeSet<>());
              if (row[1] != null) {
                versions.add(((Number) row[1]).intValue());
              }
            });
    return out;
  }
}
