package dev.agentruntime.worker.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.core.run.RunEventTypes;
import dev.agentruntime.core.run.RunStatus;
import dev.agentruntime.core.run.event.ModelCallCompleted;
import dev.agentruntime.core.workflow.RunWorkflowInput;
import dev.agentruntime.worker.TestInfrastructure.Event;
import dev.agentruntime.worker.TestSpecs;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Usage (V16) of whole runs on the real tiers: the model_usage rows a run leaves are exactly its
 * model.call.completed events, however often a step was retried.
 */
class ModelUsageTest extends WholeRunTest {

  private static final String INPUT = "{\"message\": \"Summarize the quarterly report\"}";

  /** One usage row as the test reads it: step, provider, model, input and output tokens. */
  record Usage(int step, String provider, String model, long input, long output) {}

  @Test
  void aRetriedModelStepIsCountedOnceAndUsageEqualsTheEventsTokens() throws Exception {
    RunWorkflowInput run = infra.seedRun(TestSpecs.openAi(model.baseUrl()), INPUT);
    model.failNext(2, 500); // step 1 fails twice, its third attempt answers

    assertThat(harness.run(run).status()).isEqualTo(RunStatus.SUCCEEDED);

    List<Event> events = infra.events(run);
    assertThat(events).filteredOn(e -> e.type().equals(RunEventTypes.MODEL_CALL_FAILED)).hasSize(2);
    List<Usage> fromEvents = new ArrayList<>();
    long eventTokens = 0;
    for (Event event : events) {
      if (event.record() instanceof ModelCallCompleted completed) {
        assertThat(completed.inputTokens() + completed.outputTokens())
            .isEqualTo(completed.tokens());
        eventTokens += completed.tokens();
        fromEvents.add(
            new Usage(
                completed.step(),
                completed.provider(),
                completed.model(),
                completed.inputTokens(),
                completed.outputTokens()));
      }
    }
    // The fake answers 10 prompt and 5 completion tokens per call.
    assertThat(fromEvents)
        .containsExactly(
            new Usage(1, "openai", "gpt-test", 10, 5), new Usage(2, "openai", "gpt-test", 10, 5));
    assertThat(usage(run)).isEqualTo(fromEvents);
    assertThat(usage(run).stream().mapToLong(u -> u.input() + u.output()).sum())
        .isEqualTo(eventTokens)
        .isEqualTo(((Number) infra.runRow(run).get("total_tokens")).longValue());
  }

  @Test
  void usageNamesTheRunsTreeAgentAndVersion() throws Exception {
    RunWorkflowInput run = infra.seedRun(TestSpecs.openAi(model.baseUrl()), INPUT);

    assertThat(harness.run(run).status()).isEqualTo(RunStatus.SUCCEEDED);

    try (Connection c = infra.dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "select count(*) from model_usage u join run r on r.tenant_id = u.tenant_id and"
                    + " r.id = u.run_id where u.tenant_id = ? and u.run_id = ? and u.root_run_id ="
                    + " r.id and u.agent_id = r.agent_id and u.agent_version_id ="
                    + " r.agent_version_id")) {
      ps.setString(1, run.tenantId());
      ps.setObject(2, run.runId());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(2);
      }
    }
  }

  private static List<Usage> usage(RunWorkflowInput run) throws Exception {
    try (Connection c = infra.dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "select step, provider, model, input_tokens, output_tokens from model_usage"
                    + " where tenant_id = ? and run_id = ? order by step")) {
      ps.setString(1, run.tenantId());
      ps.setObject(2, run.runId());
      List<Usage> rows = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(
              new Usage(
                  rs.getInt(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5)));
        }
      }
      return rows;
    }
  }
}
