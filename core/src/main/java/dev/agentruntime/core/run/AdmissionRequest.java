package dev.agentruntime.core.run;

import java.util.Objects;
import java.util.UUID;

/**
 * A request to admit a run, from any origin.
 *
 * @param runId the new run's id, chosen by the caller so that a retried admission (same key) and
 *     the first one agree on nothing but the key: the database answers the first run
 * @param agentId the agent by id, or null when {@code agentName} names it (exactly one is set)
 * @param version the version to pin, or null for the agent's latest
 * @param inputJson the run's input, a JSON object
 * @param idempotencyKey null, or the caller's key: a repeat answers the run the first one created
 * @param requestHash a digest of what was asked; the same key with another hash is refused
 * @param createdBy the subject that asked (a token's subject, or the schedule or parent run)
 * @param child for a child run (origin {@link RunOrigin#PARENT}), its parent and reservation;
 *     {@code null} otherwise
 * @param schedule for a schedule's fire (origin {@link RunOrigin#SCHEDULE}), the schedule and the
 *     scheduled time; {@code null} otherwise
 * @param alias null, or an alias of the agent naming the version (then {@code version} is null,
 *     unless {@code aliasResolved})
 * @param routingKey null, or the key that keeps the choice within an alias's split sticky
 * @param source null, or the run this one is forked or replayed from
 * @param aliasResolved the caller resolved {@code alias} to {@code version} itself (a worker that
 *     read the version's limits before admitting a child): the run takes {@code version} and
 *     records {@code alias}. Only {@link #withResolvedAlias} sets it, so a client's request naming
 *     both is still refused.
 */
public record AdmissionRequest(
    String tenantId,
    UUID runId,
    UUID agentId,
    String agentName,
    Integer version,
    String inputJson,
    String idempotencyKey,
    String requestHash,
    RunOrigin origin,
    String createdBy,
    ChildReservation child,
    ScheduledFire schedule,
    String alias,
    String routingKey,
    RunSource source,
    boolean aliasResolved) {

  public AdmissionRequest(
      String tenantId,
      UUID runId,
      UUID agentId,
      String agentName,
      Integer version,
      String inputJson,
      String idempotencyKey,
      String requestHash,
      RunOrigin origin,
      String createdBy) {
    this(
        tenantId,
        runId,
        agentId,
        agentName,
        version,
        inputJson,
        idempotencyKey,
        requestHash,
        origin,
        createdBy,
        (ChildReservation) null);
  }

  /** A run named by version (or the latest), new rather than forked or replayed. */
  public AdmissionRequest(
      String tenantId,
      UUID runId,
      UUID agentId,
      String agentName,
      Integer version,
      String inputJson,
      String idempotencyKey,
      String requestHash,
      RunOrigin origin,
      String createdBy,
      ChildReservation child,
      ScheduledFire schedule) {
    this(
        tenantId,
        runId,
        agentId,
        agentName,
        version,
        inputJson,
        idempotencyKey,
        requestHash,
        origin,
        createdBy,
        child,
        schedule,
        null,
        null,
        null,
        false);
  }

  /** A run of any origin but a schedule's. */
  public AdmissionRequest(
      String tenantId,
      UUID runId,
      UUID agentId,
      String agentName,
      Integer version,
      String inputJson,
      String idempotencyKey,
      String requestHash,
      RunOrigin origin,
      String createdBy,
      ChildReservation child) {
    this(
        tenantId,
        runId,
        agentId,
        agentName,
        version,
        inputJson,
        idempotencyKey,
        requestHash,
        origin,
        createdBy,
        child,
        null);
  }

  /** The run of a schedule's fire, under the fire's own key (see {@link ScheduledFire}). */
  public static AdmissionRequest ofFire(
      String tenantId,
      UUID runId,
      String agentName,
      Integer version,
      String inputJson,
      ScheduledFire fire) {
    return new AdmissionRequest(
        tenantId,
        runId,
        null,
        agentName,
        version,
        inputJson,
        fire.idempotencyKey(),
        fire.requestHash(),
        RunOrigin.SCHEDULE,
        fire.actor(),
        null,
        fire);
  }

  /** This request naming the agent's version by an alias, with an optional routing key. */
  public AdmissionRequest withAlias(String aliasName, String key) {
    return withAlias(aliasName, key, false);
  }

  /**
   * This request, which names {@code version}, recording that the caller resolved {@code aliasName}
   * to it (with {@code key} in a split): {@code admit_run} takes the version as it is and records
   * the alias. For a child run, whose limits the worker reads from the resolved version's spec
   * before the admission reserves them.
   */
  public AdmissionRequest withResolvedAlias(String aliasName, String key) {
    if (version == null || aliasName == null) {
      throw new IllegalArgumentException("a resolved alias names the version it resolved to");
    }
    return withAlias(aliasName, key, true);
  }

  private AdmissionRequest withAlias(String aliasName, String key, boolean resolved) {
    return new AdmissionRequest(
        tenantId,
        runId,
        agentId,
        agentName,
        version,
        inputJson,
        idempotencyKey,
        requestHash,
        origin,
        createdBy,
        child,
        schedule,
        aliasName,
        key,
        source,
        resolved);
  }

  /** This request as a fork or a replay of another run. */
  public AdmissionRequest withSource(RunSource from) {
    return new AdmissionRequest(
        tenantId,
        runId,
        agentId,
        agentName,
        version,
        inputJson,
        idempotencyKey,
        requestHash,
        origin,
        createdBy,
        child,
        schedule,
        alias,
        routingKey,
        from,
        aliasResolved);
  }

  public AdmissionRequest {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(inputJson, "inputJson");
    Objects.requireNonNull(requestHash, "requestHash");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(createdBy, "createdBy");
    if ((agentId == null) == (agentName == null)) {
      throw new IllegalArgumentException("exactly one of agentId and agentName names the agent");
    }
    if ((origin == RunOrigin.PARENT) != (child != null)) {
      throw new IllegalArgumentException("a run has a parent exactly when its origin is parent");
    }
    if (alias != null && version != null && !aliasResolved) {
      throw new IllegalArgumentException("a run names a version or an alias, not both");
    }
    if (routingKey != null && alias == null) {
      throw new IllegalArgumentException("a routing key chooses within an alias only");
    }
    if (aliasResolved && (alias == null || version == null)) {
      throw new IllegalArgumentException("a resolved alias names the version it resolved to");
    }
    if ((origin == RunOrigin.SCHEDULE) != (schedule != null)) {
      throw new IllegalArgumentException(
          "a run names a schedule's fire exactly when its origin is schedule");
    }
  }
}
