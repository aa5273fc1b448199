package dev.agentruntime.api.run;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/** A row of {@code artifact}: metadata of an object a run stored; the worker writes it. */
@Entity
@Immutable
@Table(name = "artifact")
public class ArtifactEntity extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "tenant_id")
  public String tenantId;

  @Column(name = "run_id")
  public UUID runId;

  public String name;

  @Column(name = "content_type")
  public String contentType;

  @Column(name = "size_bytes")
  public long sizeBytes;

  public String sha256;

  @Column(name = "object_key")
  public String objectKey;

  @Column(name = "created_at")
  public Instant createdAt;
}
