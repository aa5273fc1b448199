package dev.agentruntime.api.run;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.DynamicUpdate;

/**
 * A row of {@code run}. The admission path ({@code RunAdmissions}) inserts it; afterwards the
 * worker owns its status columns, so the API changes it only through targeted update statements,
 * never by dirty entities.
 */
@Entity
@DynamicUpdate
@Table(name = "run")
public class RunEntity extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "tenant_id", nullable = false, updatable = false)
  public String tenantId;

  @Column(name = "agent_id", nullable = false, updatable = false)
  public UUID agentId;

  @Column(name = "agent_version_id", nullable = false, updatable = false)
  public UUID agentVersionId;

  @Column(name = "workflow_id", nullable = false, updatable = false)
  public String workflowId;

  @Column(nullable = false, updatable = false)
  public String status;

  /** The run's input as JSON text. */
  @Column(nullable = false, updatable = false, columnDefinition = "jsonb")
  @ColumnTransformer(write = "?::jsonb")
  public String input;

  @Column(name = "idempotency_key", updatable = false)
  public String idempotencyKey;

  @Column(name = "request_hash", nullable = false, updatable = false)
  public String requestHash;

  @Column(name = "status_reason", updatable = false)
  public String statusReason;

  @Column(updatable = false)
  public int steps;

  @Column(name = "total_tokens", updatable = false)
  public int totalTokens;

  @Column(name = "created_at", nullable = false, updatable = false)
  public Instant createdAt;

  /** The subject of the token that started it. */
  @Column(name = "created_by", nullable = false, updatable = false)
  public String createdBy;

  /** Where the run came from: a wire name of {@code RunOrigin}. */
  @Column(nullable = false, updatable = false)
  public String origin;

  /** The run whose sub-agent call started this one; null for a root (V11). */
  @Column(name = "parent_run_id", insertable = false, updatable = false)
  public UUID parentRunId;

  /** The root of this run's tree; null for a root itself. */
  @Column(name = "root_run_id", insertable = false, updatable = false)
  public UUID rootRunId;

  /** 0 for a root, its parent's depth + 1 for a child. */
  @Column(insertable = false, updatable = false)
  public int depth;

  /** The schedule whose fire admitted it; null unless its origin is schedule (V13). */
  @Column(name = "schedule_id", insertable = false, updatable = false)
  public UUID scheduleId;

  /** The fire's scheduled (nominal, unjittered) time; null unless its origin is schedule. */
  @Column(name = "scheduled_at", insertable = false, updatable = false)
  public Instant scheduledAt;

  /** When the run took a slot of its tenant's concurrency; null while it waits (V17). */
  @Column(name = "slot_granted_at", insertable = false, updatable = false)
  public Instant slotGrantedAt;

  /** The alias the run named, which resolved to its version; null when it named none. */
  @Column(name = "alias_name", updatable = false)
  public String aliasName;

  @Column(name = "routing_key", updatable = false)
  public String routingKey;

  /** The run this one was forked or replayed from; null for a new run (V25, not a foreign key). */
  @Column(name = "source_run_id", insertable = false, updatable = false)
  public UUID sourceRunId;

  /** {@code fork} or {@code replay} when {@link #sourceRunId} is set; null otherwise. */
  @Column(name = "source_kind", insertable = false, updatable = false)
  public String sourceKind;

  /** For a fork, the first step that ran live; null otherwise. */
  @Column(name = "fork_step", insertable = false, updatable = false)
  public Integer forkStep;

  /** When retention began purging the run's data (V23); null while it has all of it. */
  @Column(name = "purge_started_at", insertable = false, updatable = false)
  public Instant purgeStartedAt;

  @Column(name = "dispatched_at", updatable = false)
  public Instant dispatchedAt;

  @Column(name = "started_at", updatable = false)
  public Instant startedAt;

  @Column(name = "finished_at", updatable = false)
  public Instant finishedAt;
}
