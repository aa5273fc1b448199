package dev.agentruntime.api.tenant.deletion;

import dev.agentruntime.api.tenant.deletion.TenantDeletionRepository.LeasedDeletion;
import dev.agentruntime.core.log.LogSafe;
import dev.agentruntime.storage.ObjectStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Carries out tenant deletions in the background (docs/architecture.md#deleting-a-tenant). The
 * tenant was suspended when the deletion was asked for, so nothing new arrives; then, each step
 * idempotent and its counts committed on the receipt as it ends: Temporal first (its workflows,
 * which terminates the running ones so no run writes again, and its schedules with their fires'
 * workflows), then its objects, then all its rows and the tenant itself in one transaction that
 * also marks the receipt finished. A crash or an unreachable store leaves the deletion unfinished;
 * the next pass (of any replica, once the lease ends) does it again from the start.
 */
@ApplicationScoped
public class TenantDeletionJob {

  private static final Logger LOG = Logger.getLogger(TenantDeletionJob.class);

  private final TenantDeletionRepository deletions;
  private final TemporalErasure temporal;
  private final ObjectStore objects;
  private final Duration lease;

  TenantDeletionJob(
      TenantDeletionRepository deletions,
      TemporalErasure temporal,
      ObjectStore objects,
      @ConfigProperty(name = "agent-runtime.tenant-deletion.lease") Duration lease) {
    this.deletions = deletions;
    this.temporal = temporal;
    this.objects = objects;
    this.lease = lease;
  }

  @Scheduled(
      identity = "tenant-deletion",
      every = "${agent-runtime.tenant-deletion.interval}",
      delayed = "${agent-runtime.tenant-deletion.interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduled() {
    try {
      pass();
    } catch (RuntimeException e) {
      LOG.warnf("tenant deletion pass failed: %s", LogSafe.escape(e.toString()));
    }
  }

  /**
   * Carries out every unfinished deletion no other replica holds.
   *
   * @return how many it finished
   */
  public int pass() {
    int finished = 0;
    Optional<LeasedDeletion> next;
    while ((next = QuarkusTransaction.requiringNew().call(() -> deletions.leaseNext(lease)))
        .isPresent()) {
      carryOut(next.get());
      finished++;
    }
    return finished;
  }

  private void carryOut(LeasedDeletion deletion) {
    String tenantId = deletion.tenantId();
    UUID id = deletion.id();
    List<String> runs =
        QuarkusTransaction.requiringNew().call(() -> deletions.workflowIds(tenantId));
    long workflows = temporal.deleteWorkflows(runs);
    long schedules = 0;
    for (UUID schedule :
        QuarkusTransaction.requiringNew().call(() -> deletions.scheduleIds(tenantId))) {
      if (temporal.deleteSchedule(tenantId, schedule)) {
        schedules++;
      }
      workflows += temporal.deleteWorkflows(temporal.fireWorkflowIds(tenantId, schedule));
    }
    record(id, Map.of("workflows", workflows, "schedules", schedules));
    long deletedObjects = objects.deleteUnder("tenants/" + tenantId + "/");
    record(id, Map.of("objects", deletedObjects));
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              Map<String, Long> rows = new LinkedHashMap<>(deletions.eraseRows(tenantId));
              // Again, just before the rows go: an object a step of a terminated run wrote after
              // the first sweep (its activity was mid-way on a worker) goes too.
              rows.put("objects", (long) objects.deleteUnder("tenants/" + tenantId + "/"));
              deletions.addCounts(id, rows);
              deletions.finish(id);
            });
    LOG.infof("tenant %s deleted (receipt %s)", tenantId, id);
  }

  private void record(UUID id, Map<String, Long> counts) {
    QuarkusTransaction.requiringNew().run(() -> deletions.addCounts(id, counts));
  }
}
