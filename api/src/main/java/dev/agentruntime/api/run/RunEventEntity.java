package dev.agentruntime.api.run;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/** A row of {@code run_event}, append-only; written through {@code append_run_event}. */
@Entity
@Immutable
@Table(name = "run_event")
public class RunEventEntity extends PanacheEntityBase {

  @Id public Long id;

  @Column(name = "tenant_id")
  public String tenantId;

  @Column(name = "run_id")
  public UUID runId;

  public int seq;

  public String type;

  @Column(name = "event_key")
  public String eventKey;

  /** The payload as JSON text. */
  public String payload;

  @Column(name = "created_at")
  public Instant createdAt;
}
