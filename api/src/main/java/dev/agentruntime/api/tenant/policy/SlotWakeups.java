package dev.agentruntime.api.tenant.policy;

import dev.agentruntime.core.log.LogSafe;
import io.temporal.client.WorkflowClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Tells waiting runs that a slot may be free, after a policy raised a cap: the same hint a run that
 * ends gives (the workflow's {@code slotFreed} signal). Only a hint: a run not told claims on its
 * own within its poll, so a failure here is logged and nothing else.
 */
@ApplicationScoped
class SlotWakeups {

  private static final Logger LOG = Logger.getLogger(SlotWakeups.class);

  private final WorkflowClient client;

  SlotWakeups(WorkflowClient client) {
    this.client = client;
  }

  void wake(List<String> workflowIds) {
    for (String workflowId : workflowIds) {
      try {
        client.newUntypedWorkflowStub(workflowId).signal("slotFreed");
      } catch (RuntimeException e) {
        LOG.debugf("no wake-up for %s: %s", workflowId, LogSafe.escape(e.toString()));
      }
    }
  }
}
