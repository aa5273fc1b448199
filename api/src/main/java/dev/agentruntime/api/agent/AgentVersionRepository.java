package dev.agentruntime.api.agent;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
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
}
