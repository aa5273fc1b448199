package dev.agentruntime.api.run;

import dev.agentruntime.core.log.LogSafe;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.temporal.client.WorkflowClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Tells a tenant's waiting runs that a slot may be free, after a change that raised a cap (the
 * tenant's policy, a schedule's {@code maxConcurrentRuns}): the same hint a run that ends gives
 * (the workflow's {@code slotFreed} signal), sent to the runs the database says may take a slot now
 * ({@code runs_to_wake}, V17 and V20). Only a hint: a run not told claims on its own within its
 * poll, so a failure here is logged and nothing else. Call it after the change committed.
 */
@ApplicationScoped
public class SlotWakeups {

  private static final Logger LOG = Logger.getLogger(SlotWakeups.class);

  /** The most waiting runs one change wakes; the others claim on their own poll. */
  static final int WAKE_LIMIT = 100;

  private final WorkflowClient client;

  SlotWakeups(WorkflowClient client) {
    this.client = client;
  }

  /** Wakes the tenant's waiting runs that may take a slot now. */
  public void wake(String tenantId) {
    List<String> waiting;
    try {
      waiting = QuarkusTransaction.requiringNew().call(() -> runsToWake(tenantId));
    } catch (RuntimeException e) {
      LOG.warnf("no wake-ups for a raised cap: %s", LogSafe.escape(e.toString()));
      return;
    }
    for (String workflowId : waiting) {
      try {
        client.newUntypedWorkflowStub(workflowId).signal("slotFreed");
      } catch (RuntimeException e) {
        LOG.debugf("no wake-up for %s: %s", workflowId, LogSafe.escape(e.toString()));
      }
    }
  }

  private static List<String> runsToWake(String tenantId) {
    @SuppressWarnings("unchecked")
    List<String> ids =
        Panache.getEntityManager()
            .createNativeQuery("select runs_to_wake(?1, ?2)")
            .setParameter(1, tenantId)
            .setParameter(2, WAKE_LIMIT)
            .getResultList();
    return ids;
  }
}
