package dev.agentruntime.worker.activity;

import dev.agentruntime.core.activity.RunSlotActivities;
import dev.agentruntime.core.activity.SlotClaim;
import dev.agentruntime.worker.store.RunSlotRepository;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.UUID;

/** The workflow's claims of concurrency slots; the rules are the database's (V17). */
@Singleton
public class RunSlotActivitiesImpl implements RunSlotActivities {

  private final RunSlotRepository slots;

  public RunSlotActivitiesImpl(RunSlotRepository slots) {
    this.slots = slots;
  }

  @Override
  public SlotClaim claimSlot(String tenantId, UUID runId) {
    return slots.claim(tenantId, runId);
  }

  @Override
  public List<String> runsToWake(String tenantId, int limit) {
    return slots.toWake(tenantId, limit);
  }
}
