package dev.agentruntime.api.tenant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code tenant}. */
@Entity
@Table(name = "tenant")
public class TenantEntity extends PanacheEntityBase {

  @Id public String id;

  @Column(name = "display_name", nullable = false)
  public String displayName;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  /** The subject of the token that created it. */
  @Column(name = "created_by", nullable = false, updatable = false)
  public String createdBy;

  /** When a platform administrator suspended it; null while it is not suspended (V18). */
  @Column(name = "suspended_at", insertable = false, updatable = false)
  public Instant suspendedAt;

  @Column(name = "suspended_by", insertable = false, updatable = false)
  public String suspendedBy;

  @Column(name = "suspension_reason", insertable = false, updatable = false)
  public String suspensionReason;
}
