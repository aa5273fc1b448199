package dev.agentruntime.worker.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.core.run.RunEventKeys;
import dev.agentruntime.core.run.RunStatus;
import dev.agentruntime.core.run.event.ModelCallCompleted;
import dev.agentruntime.core.workflow.RunWorkflowInput;
import dev.agentruntime.worker.TestInfrastructure;
import dev.agentruntime.worker.TestSpecs;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A completed step: its event and the run's step count and token total, in one commit. */
class RunStepRecordTest {

  private final TestInfrastructure infra = TestInfrastructure.get();
  private final RunEventRepository events = new RunEventRepository(infra.dataSource);
  private final RunRepository runs = new RunRepository(infra.dataSource);

  @Test
  void aStepIsRecordedOnceWithItsTokensAndNotAfterTheRunEnded() throws SQLException {
    RunWorkflowInput run = infra.seedRun(TestSpecs.demo(), "{\"q\":1}");
    String tenant = run.tenantId();
    UUID id = run.runId();
    runs.markRunning(tenant, id);

    int first = step(run, 1, 7);
    assertThat(first).isPositive();
    assertThat(stepsAndTokens(tenant, id)).isEqualTo("1/7");

    // A retry of the same step: same event, nothing counted twice.
    assertThat(step(run, 1, 7)).isEqualTo(first);
    assertThat(stepsAndTokens(tenant, id)).isEqualTo("1/7");

    assertThat(step(run, 2, 5)).isGreaterThan(first);
    assertThat(stepsAndTokens(tenant, id)).isEqualTo("2/12");

    runs.finish(tenant, id, RunStatus.SUCCEEDED, null, 2, 12);
    assertThat(step(run, 3, 100)).isZero();
    assertThat(stepsAndTokens(tenant, id)).isEqualTo("2/12");
    assertThat(events.find(tenant, id, RunEventKeys.modelStep(3))).isEmpty();
  }

  private int step(RunWorkflowInput run, int step, long tokens) {
    return events.appendStep(
        run.tenantId(),
        run.runId(),
        RunEventKeys.modelStep(step),
        new ModelCallCompleted(step, 1, tokens, "wf/" + step, null, List.of()),
        step);
  }

  private String stepsAndTokens(String tenant, UUID id) throws SQLException {
    try (Connection c = infra.dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "select steps, total_tokens from run where tenant_id = ? and id = ?")) {
      ps.setString(1, tenant);
      ps.setObject(2, id);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1) + "/" + rs.getLong(2);
      }
    }
  }
}
