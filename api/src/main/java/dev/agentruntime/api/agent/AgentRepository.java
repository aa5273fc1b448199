package dev.agentruntime.api.agent;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Agents of one tenant: every method takes the tenant first. */
@ApplicationScoped
public class AgentRepository implements PanacheRepositoryBase<AgentEntity, UUID> {

  public Optional<AgentEntity> findAgent(String tenantId, UUID agentId) {
    return find("tenantId = ?1 and id = ?2", tenantId, agentId).firstResultOptional();
  }

  /** The agent, its row locked until the transaction ends. */
  public Optional<AgentEntity> lockAgent(String tenantId, UUID agentId) {
    return find("tenantId = ?1 and id = ?2", tenantId, agentId)
        .withLock(LockModeType.PESSIMISTIC_WRITE)
        .firstResultOptional();
  }

  public Optional<AgentEntity> findByName(String tenantId, String name) {
    return find("tenantId = ?1 and name = ?2", tenantId, name).firstResultOptional();
  }

  public List<AgentEntity> listAgents(String tenantId) {
    return find("tenantId = ?1 order by name", tenantId).list();
  }
}
