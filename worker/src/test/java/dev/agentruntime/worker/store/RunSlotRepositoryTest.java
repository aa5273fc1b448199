package dev.agentruntime.worker.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.core.activity.SlotClaim;
import dev.agentruntime.core.run.Admission;
import dev.agentruntime.core.run.AdmissionRequest;
import dev.agentruntime.core.run.ChildReservation;
import dev.agentruntime.core.run.RunAdmissions;
import dev.agentruntime.core.run.RunOrigin;
import dev.agentruntime.core.workflow.RunWorkflowInput;
import dev.agentruntime.worker.TestInfrastructure;
import dev.agentruntime.worker.TestSpecs;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The rules of concurrency slots ({@code claim_run_slot}, {@code runs_to_wake}, V17) on the real
 * schema: the cap, admission order, the cap per agent, children in their root's slot, and idle runs
 * giving their slot back when the policy says so. RunSlotWorkflowTest holds the workflow to them.
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
