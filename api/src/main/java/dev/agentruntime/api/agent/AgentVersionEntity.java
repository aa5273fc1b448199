package dev.agentruntime.api.agent;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.Immutable;

/** A row of {@code agent_version}; the database refuses every update and delete of it. */
@Entity
@Immutable
@Table(name = "agent_version")
public class AgentVersionEntity extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "tenant_id", nullable = false)
  public String tenantId;

  @Column(name = "agent_id", nullable = false)
  public UUID agentId;

  @Column(nullable = false)
  public int version;

  /** The canonical JSON of the spec. */
  @Column(nullable = false, columnDefinition = "jsonb")
  @ColumnTransformer(write = "?::jsonb")
  public String spec;

  @Column(name = "content_hash", nullable = false)
  public String contentHash;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  /** The subject of the token that published it; set at insert, as the row never changes. */
  @Column(name = "created_by", nullable = false)
  public String createdBy;
}
