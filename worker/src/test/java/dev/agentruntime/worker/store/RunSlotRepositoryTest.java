package dev.agentruntime.worker.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentruntime.core.activity.SlotClaim;
import dev.agentruntime.core.run.Admission;
import dev.agentruntime.core.run.AdmissionRequest;
import dev.agentruntime.core.run.ChildReservation;
import dev.agentruntime.core.run.RunAdmissions;
import dev.agentruntime.core.run.RunOrigin;
import dev.agentruntime.core.run.ScheduledFire;
import dev.agentruntime.core.workflow.RunWorkflowInput;
import dev.agentruntime.worker.TestInfrastructure;
import dev.agentruntime.worker.TestSpecs;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The rules of concurrency slots ({@code claim_run_slot}, {@code runs_to_wake}, V17 and V20) on the
 * real schema: the cap, admission order, the cap per agent and per schedule, children in their
 * root's slot, and idle runs giving their slot back when the policy says so. RunSlotWorkflowTest
 * holds the workflow to them.
 */
class RunSlotRepositoryTest {

  private final TestInfrastructure infra = TestInfrastructure.get();
  private final RunSlotRepository slots = new RunSlotRepository(infra.dataSource);
  private final RunAdmissions admissions = new RunAdmissions(infra.dataSource);

  @Test
  void withoutAPolicyATenantRunsAHundredAtOnce() throws SQLException {
    RunWorkflowInput first = infra.seedRun(TestSpecs.demo(), "{}");
    for (int i = 1; i < 100; i++) {
      assertThat(slots.claim(first.tenantId(), admit(first, "summarizer").runId()).granted())
          .isTrue();
    }
    assertThat(slots.claim(first.tenantId(), first.runId()).granted()).isTrue();
    assertThat(slots.claim(first.tenantId(), admit(first, "summarizer").runId()).granted())
        .isFalse();
  }

  @Test
  void runsBeyondTheCapWaitAndTakeFreedSlotsInAdmissionOrder() throws SQLException {
    RunWorkflowInput a = infra.seedRun(TestSpecs.demo(), "{}");
    policy(a, 2, null, true);
    RunWorkflowInput b = admit(a, "summarizer");
    RunWorkflowInput c = admit(a, "summarizer");
    RunWorkflowInput d = admit(a, "summarizer");
    // c claims before b does: a slot is free, but b was admitted first and waits for it.
    assertThat(slots.claim(a.tenantId(), a.runId())).isEqualTo(new SlotClaim(true, true));
    assertThat(slots.claim(a.tenantId(), c.runId()).granted()).isFalse();
    assertThat(slots.toWake(a.tenantId(), 20)).containsExactly(workflowId(b));
    assertThat(slots.claim(a.tenantId(), b.runId()).granted()).isTrue();
    assertThat(slots.claim(a.tenantId(), c.runId()).granted()).isFalse();
    assertThat(slots.toWake(a.tenantId(), 20)).isEmpty();
    // A claim is idempotent: b holds its slot, and asking again takes no second one.
    assertThat(slots.claim(a.tenantId(), b.runId()).granted()).isTrue();
    assertThat(slots.claim(a.tenantId(), d.runId()).granted()).isFalse();

    end(a, "succeeded");
    assertThat(slots.toWake(a.tenantId(), 20)).containsExactly(workflowId(c));
    assertThat(slots.claim(a.tenantId(), d.runId()).granted()).isFalse();
    assertThat(slots.claim(a.tenantId(), c.runId()).granted()).isTrue();
    // A run cancelled while it waited holds nothing and blocks no one.
    end(d, "cancelled");
    RunWorkflowInput e = admit(a, "summarizer");
    end(b, "failed");
    assertThat(slots.toWake(a.tenantId(), 20)).containsExactly(workflowId(e));
    assertThat(slots.claim(a.tenantId(), e.runId()).granted()).isTrue();
  }

  @Test
  void anAgentAtItsOwnCapDoesNotHoldUpTheTenantsOtherAgents() throws SQLException {
    RunWorkflowInput a1 = infra.seedRun(TestSpecs.demo(), "{}");
    infra.seedAgent(a1, "other", TestSpecs.demo());
    policy(a1, 5, 1, true);
    RunWorkflowInput a2 = admit(a1, "summarizer");
    RunWorkflowInput o1 = admit(a1, "other");
    assertThat(slots.claim(a1.tenantId(), a1.runId()).granted()).isTrue();
    // a2 waits for its agent's one slot, and does not stand in o1's way although admitted first.
    assertThat(slots.toWake(a1.tenantId(), 20)).containsExactly(workflowId(o1));
    assertThat(slots.claim(a1.tenantId(), a2.runId()).granted()).isFalse();
    assertThat(slots.claim(a1.tenantId(), o1.runId()).granted()).isTrue();
    end(a1, "succeeded");
    assertThat(slots.toWake(a1.tenantId(), 20)).containsExactly(workflowId(a2));
    assertThat(slots.claim(a1.tenantId(), a2.runId()).granted()).isTrue();
  }

  @Test
  void aChildRunsInItsRootsSlotAndAnIdleRunGivesItsSlotBackWhenThePolicySaysSo()
      throws SQLException {
    RunWorkflowInput root = infra.seedRun(TestSpecs.demo(), "{}");
    policy(root, 1, null, false);
    assertThat(slots.claim(root.tenantId(), root.runId())).isEqualTo(new SlotClaim(true, true));
    infra.execute(
        "update run set status = 'running' where tenant_id = ? and id = ?",
        root.tenantId(),
        root.runId());
    RunWorkflowInput child = admitChild(root);
    assertThat(slots.claim(root.tenantId(), child.runId())).isEqualTo(new SlotClaim(true, false));

    RunWorkflowInput next = admit(root, "summarizer");
    assertThat(slots.claim(root.tenantId(), next.runId()).granted()).isFalse();
    // Waiting for an approval: with idle_runs_hold_slots false, the root gives its slot back.
    infra.execute(
        "update run set status = 'waiting_for_approval' where tenant_id = ? and id = ?",
        root.tenantId(),
        root.runId());
    assertThat(slots.claim(root.tenantId(), next.runId()).granted()).isTrue();
  }

  @Test
  void aScheduleAllowingUpToTwoHoldsTwoSlotsItsOtherFiresWaitInOrderAndHoldUpNoOneElse()
      throws SQLException {
    RunWorkflowInput a = infra.seedRun(TestSpecs.demo(), "{}");
    policy(a, 4, null, true);
    UUID schedule = insertSchedule(a, "allow-up-to", 2);
    RunWorkflowInput f1 = fire(a, schedule, 1);
    RunWorkflowInput f2 = fire(a, schedule, 2);
    RunWorkflowInput f3 = fire(a, schedule, 3);
    RunWorkflowInput f4 = fire(a, schedule, 4);
    RunWorkflowInput x = admit(a, "summarizer");
    assertThat(slots.claim(a.tenantId(), a.runId()).granted()).isTrue();
    // The tenant has three slots free, but the schedule room for two: f3 and f4 are not woken.
    assertThat(slots.toWake(a.tenantId(), 20))
        .containsExactly(workflowId(f1), workflowId(f2), workflowId(x));
    // f3 claims before f1 and f2: the schedule's earlier fires go first.
    assertThat(slots.claim(a.tenantId(), f3.runId()).granted()).isFalse();
    assertThat(slots.claim(a.tenantId(), f1.runId()).granted()).isTrue();
    assertThat(slots.claim(a.tenantId(), f2.runId()).granted()).isTrue();
    assertThat(slots.claim(a.tenantId(), f3.runId()).granted()).isFalse();
    assertThat(slots.claim(a.tenantId(), f4.runId()).granted()).isFalse();
    // x was admitted after f3 and f4, which wait for their schedule: they do not stand in its way.
    assertThat(slots.claim(a.tenantId(), x.runId()).granted()).isTrue();
    assertThat(slots.toWake(a.tenantId(), 20)).isEmpty();

    end(f1, "succeeded");
    assertThat(slots.toWake(a.tenantId(), 20)).containsExactly(workflowId(f3));
    assertThat(slots.claim(a.tenantId(), f4.runId()).granted()).isFalse();
    assertThat(slots.claim(a.tenantId(), f3.runId()).granted()).isTrue();
    // A tenant slot frees, the schedule has none: f4 waits, a later run of the tenant goes.
    end(a, "succeeded");
    assertThat(slots.toWake(a.tenantId(), 20)).isEmpty();
    RunWorkflowInput y = admit(a, "summarizer");
    assertThat(slots.claim(a.tenantId(), y.runId()).granted()).isTrue();
    end(y, "succeeded");
    assertThat(slots.claim(a.tenantId(), f4.runId()).granted()).isFalse();
    end(f2, "failed");
    assertThat(slots.toWake(a.tenantId(), 20)).containsExactly(workflowId(f4));
    assertThat(slots.claim(a.tenantId(), f4.runId()).granted()).isTrue();
  }

  @Test
  void aScheduleWithoutACapOrOneDeletedCapsNothingAndTheCapComesOnlyWithAllowUpTo() {
    RunWorkflowInput a = infra.seedRun(TestSpecs.demo(), "{}");
    policy(a, 100, null, true);
    UUID uncapped = insertSchedule(a, "allow-all", null);
    UUID capped = insertSchedule(a, "allow-up-to", 1);
    assertThat(slots.claim(a.tenantId(), fire(a, uncapped, 1).runId()).granted()).isTrue();
    assertThat(slots.claim(a.tenantId(), fire(a, uncapped, 2).runId()).granted()).isTrue();
    assertThat(slots.claim(a.tenantId(), fire(a, capped, 1).runId()).granted()).isTrue();
    RunWorkflowInput waiting = fire(a, capped, 2);
    assertThat(slots.claim(a.tenantId(), waiting.runId()).granted()).isFalse();
    infra.execute("update schedule set deleted_at = now() where id = ?", capped);
    assertThat(slots.claim(a.tenantId(), waiting.runId()).granted()).isTrue();

    assertThatThrownBy(() -> insertSchedule(a, "allow-up-to", null))
        .hasMessageContaining("schedule_max_concurrent_runs_shape");
    assertThatThrownBy(() -> insertSchedule(a, "skip", 2))
        .hasMessageContaining("schedule_max_concurrent_runs_shape");
    assertThatThrownBy(() -> insertSchedule(a, "allow-up-to", 1001))
        .hasMessageContaining("schedule_max_concurrent_runs_check");
  }

  private void policy(RunWorkflowInput run, int max, Integer perAgent, boolean idleHold) {
    infra.execute(
        "insert into tenant_policy (tenant_id, max_concurrent_runs,"
            + " max_concurrent_runs_per_agent, idle_runs_hold_slots, updated_by)"
            + " values (?, ?, ?, ?, 'test')",
        run.tenantId(),
        max,
        perAgent,
        idleHold);
  }

  private void end(RunWorkflowInput run, String status) {
    infra.execute(
        "update run set status = ?, finished_at = now() where tenant_id = ? and id = ?",
        status,
        run.tenantId(),
        run.runId());
  }

  private RunWorkflowInput admit(RunWorkflowInput sibling, String agentName) {
    Admission admission =
        admissions.admit(
            new AdmissionRequest(
                sibling.tenantId(),
                UUID.randomUUID(),
                null,
                agentName,
                null,
                "{}",
                null,
                "h",
                RunOrigin.API,
                "test"));
    return ((Admission.Admitted) admission).run().workflowInput();
  }

  private UUID insertSchedule(RunWorkflowInput run, String overlap, Integer maxConcurrentRuns) {
    UUID id = UUID.randomUUID();
    infra.execute(
        "insert into schedule (id, tenant_id, name, agent_name, input, timing, overlap,"
            + " max_concurrent_runs, catchup_window_seconds, created_by) values (?, ?, ?,"
            + " 'summarizer', '{}', '{\"interval\": \"PT1M\"}', ?, ?, 60, 'test')",
        id,
        run.tenantId(),
        "s-" + id.toString().substring(0, 8),
        overlap,
        maxConcurrentRuns);
    return id;
  }

  /** The run of the schedule's fire at minute {@code minute} of the epoch. */
  private RunWorkflowInput fire(RunWorkflowInput sibling, UUID schedule, int minute) {
    Admission admission =
        admissions.admit(
            AdmissionRequest.ofFire(
                sibling.tenantId(),
                UUID.randomUUID(),
                "summarizer",
                null,
                "{}",
                new ScheduledFire(schedule, Instant.ofEpochSecond(60L * minute))));
    return ((Admission.Admitted) admission).run().workflowInput();
  }

  private RunWorkflowInput admitChild(RunWorkflowInput parent) {
    Admission admission =
        admissions.admit(
            new AdmissionRequest(
                parent.tenantId(),
                UUID.randomUUID(),
                null,
                parent.agentName(),
                1,
                "{}",
                "parent run " + parent.runId() + " step 1 call 0",
                "h",
                RunOrigin.PARENT,
                "run " + parent.runId(),
                new ChildReservation(parent.runId(), 2, 500, 1)));
    return ((Admission.Admitted) admission).run().workflowInput();
  }

  private String workflowId(RunWorkflowInput run) throws SQLException {
    try (Connection c = infra.dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement("select workflow_id from run where tenant_id = ? and id = ?")) {
      ps.setString(1, run.tenantId());
      ps.setObject(2, run.runId());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }
}
