package dev.agentruntime.core.activity;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;
import java.util.UUID;

/**
 * A tenant's concurrency slots (docs/operations.md, "Tenant policy"): a root run takes one before
 * it begins and waits, {@code queued}, while its tenant or its agent is at its cap; a run that ends
 * wakes the runs that may take the slot it left. The rules, the order included, are the database's
 * ({@code claim_run_slot}, {@code runs_to_wake}).
 */
@ActivityInterface
public interface RunSlotActivities {

  /** Takes a slot for the run when one is free for it in admission order. Idempotent. */
  @ActivityMethod
  SlotClaim claimSlot(String tenantId, UUID runId);

  /**
   * The workflow ids of the tenant's waiting runs that may take a slot now, at most {@code limit}.
   */
  @ActivityMethod
  List<String> runsToWake(String tenantId, int limit);
}
