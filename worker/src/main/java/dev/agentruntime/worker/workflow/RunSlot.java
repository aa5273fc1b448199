package dev.agentruntime.worker.workflow;

import dev.agentruntime.core.activity.RunSlotActivities;
import dev.agentruntime.core.activity.SlotClaim;
import dev.agentruntime.core.workflow.AgentRunWorkflow;
import dev.agentruntime.core.workflow.RunWorkflowInput;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A run's place in its tenant's concurrency (V17): before it begins it claims a slot, and waits
 * {@code queued} while none is free for it; when it ends it wakes the runs that may take the slot
 * it left. A wake-up is only a hint (the woken run claims again, and the database decides, in
 * admission order), so a lost one costs at most {@link #POLL}, never a slot or the order.
 */
final class RunSlot {

  /** How often a waiting run asks again when no wake-up came. */
  static final Duration POLL = Duration.ofSeconds(30);

  /** The most waiting runs one ending run wakes. */
  static final int WAKE_LIMIT = 20;

  private final RunSlotActivities slots =
      Workflow.newLocalActivityStub(RunSlotActivities.class, RunActivityOptions.LOCAL_STORE);
  private boolean offered;
  private boolean own;

  /** A slot may be free: the waiting run claims again now. */
  void offer() {
    offered = true;
  }

  /** Waits until the run holds a slot; false when a cancel came first. */
  boolean take(RunWorkflowInput input, RunControls controls) {
    while (true) {
      // Before the claim: a wake-up that arrives while it runs is not lost.
      offered = false;
      SlotClaim claim = slots.claimSlot(input.tenantId(), input.runId());
      if (claim.granted()) {
        own = claim.ownSlot();
        return true;
      }
      Workflow.await(POLL, () -> offered || controls.cancelRequested());
      if (controls.cancelRequested()) {
        return false;
      }
    }
  }

  /**
   * After the run ended: wakes the tenant's waiting runs that may take a slot now. Signals that
   * find no run (ended, or not started yet) are ignored: that run claims on its own.
   */
  void passOn(RunWorkflowInput input) {
    if (own) {
      wake(input);
    }
  }

  /**
   * A run cancelled while it waited held no slot, but stood ahead of the runs admitted after it:
   * they may take a free slot now, so they are woken too rather than left to their poll.
   */
  void stepAside(RunWorkflowInput input) {
    wake(input);
  }

  private void wake(RunWorkflowInput input) {
    List<Promise<Void>> sent = new ArrayList<>();
    for (String workflowId : slots.runsToWake(input.tenantId(), WAKE_LIMIT)) {
      AgentRunWorkflow waiting =
          Workflow.newExternalWorkflowStub(AgentRunWorkflow.class, workflowId);
      sent.add(Async.procedure(waiting::slotFreed));
    }
    for (Promise<Void> signal : sent) {
      try {
        signal.get();
      } catch (RuntimeException e) {
        // The run is gone or not started: nothing to wake.
      }
    }
  }
}
