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

/**
 * A completed step: its event, the run's step count and token total, and the call's usage row
 * (V16), in one commit.
 */
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
    // An event without the input/output split (as recorded before V16) counts as input; the
    // model comes from the pinned spec (the demo model names none). Nothing for step 3.
    assertThat(usage(tenant, id)).containsExactly("1 demo null 7/0", "2 demo null 5/0");
  }

  @Test
  void aStepRecordedAgainWithAnotherAnswerKeepsTheFirstUsage() throws SQLException {
    RunWorkflowInput run = infra.seedRun(TestSpecs.openAi("http://unused"), "{\"q\":1}");
    runs.markRunning(run.tenantId(), run.runId());

    // Two attempts of one step that both got an answer (the first one's worker was presumed dead
    // and the step retried): the first to commit is the step's event and its usage.
    int first = step(run, split(1, 10, 5));
    assertThat(step(run, split(1, 40, 20))).isEqualTo(first);

    assertThat(usage(run.tenantId(), run.runId())).containsExactly("1 openai gpt-test 10/5");
    assertThat(stepsAndTokens(run.tenantId(), run.runId())).isEqualTo("1/15");
  }

  private static ModelCallCompleted split(int step, long input, long output) {
    return new ModelCallCompleted(
        step,
        1,
        input + output,
        "wf/" + step,
        "STOP",
        List.of(),
        "openai",
        "gpt-test",
        input,
        output);
  }

  private int step(RunWorkflowInput run, ModelCallCompleted completed) {
    return events.appendStep(
        run.tenantId(),
        run.runId(),
        RunEventKeys.modelStep(completed.step()),
        completed,
        completed.step());
  }

  private List<String> usage(String tenant, UUID id) throws SQLException {
    try (Connection c = infra.dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "select step, provider, model, input_tokens, output_tokens from model_usage"
                    + " where tenant_id = ? and run_id = ? order by step")) {
      ps.setString(1, tenant);
      ps.setObject(2, id);
      List<String> rows = new java.util.ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(
              rs.getInt(1)
                  + " "
                  + rs.getString(2)
                  + " "
                  + rs.getString(3)
                  + " "
                  + rs.getLong(4)
                  + "/"
                  + rs.getLong(5));
        }
      }
      return rows;
    }
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
