package dev.agentruntime.api.agent;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code agent}. */
@Entity
@Table(name = "agent")
public class AgentEntity extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "tenant_id", nullable = false, updatable = false)
  public String tenantId;

  @Column(nullable = false, updatable = false)
  public String name;

  public String description;

  @Column(name = "created_at", nullable = false, updatable = false)
  public Instant createdAt;

  /** The subject of the token that created it. */
  @Column(name = "created_by", nullable = false, updatable = false)
  public String createdBy;
}
