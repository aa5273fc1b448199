package dev.agentruntime.api.run;

import dev.agentruntime.api.TestApi;
import dev.agentruntime.core.run.event.ModelCallCompleted;
import dev.agentruntime.core.run.event.RunEventJson;
import dev.agentruntime.core.run.event.RunEventPayload;
import dev.agentruntime.core.run.event.ToolCallCompleted;
import dev.agentruntime.core.run.event.ToolCallFailed;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a run did, written as the worker writes it: its step events through the schema's append
 * function (so model usage is recorded by the same trigger), then its end projected on the row.
 */
public final class TestRunHistory {

  /** The model the test profile prices (application.properties, %test). */
  public static final String PRICED_MODEL = "gpt-test";

  private TestRunHistory() {}

  /** Step {@code step}'s model call answered with these tokens and asked for these tools. */
  public static void modelCall(
      String tenant, String runId, int step, long input, long output, String... tools)
      throws Exception {
    append(
        tenant,
        runId,
        "step/" + step + "/model",
        new ModelCallCompleted(
            step,
            1,
            input + output,
            "key-" + runId + "-" + step,
            tools.length == 0 ? "stop" : "tool_calls",
            List.of(tools),
            "openai",
            PRICED_MODEL,
            input,
            output));
  }

  /** Call {@code index} of step {@code step} of tool {@code tool} ran, or failed. */
  public static void toolCall(
      String tenant, String runId, int step, int index, String tool, boolean completed)
      throws Exception {
    String callId = "call-" + step + "-" + index;
    RunEventPayload payload =
        completed
            ? new ToolCallCompleted(
                step,
                index,
                tool,
                callId,
                new ToolCallCompleted.ArtifactWritten("notes", "text/plain", 5))
            : new ToolCallFailed(step, index, tool, callId, "refused");
    append(tenant, runId, "step/" + step + "/tool/" + index, payload);
  }

  /** The run ended in {@code status} after these steps and tokens, between the two instants. */
  public static void finished(
      String runId, String status, int steps, long tokens, Instant started, Instant finished)
      throws Exception {
    try (Connection c = TestApi.db();
        PreparedStatement s =
            c.prepareStatement(
                "update run set status = ?, steps = ?, total_tokens = ?, started_at = ?,"
                    + " finished_at = ? where id = ?")) {
      s.setString(1, status);
      s.setInt(2, steps);
      s.setLong(3, tokens);
      s.setTimestamp(4, Timestamp.from(started));
      s.setTimestamp(5, Timestamp.from(finished));
      s.setObject(6, UUID.fromString(runId));
      s.executeUpdate();
    }
  }

  /** Retention purged the run (V23): marked, then finished, as the purge leaves it. */
  public static void purged(String runId) throws Exception {
    TestApi.execute(
        "update run set purge_started_at = now(), purged_at = now() where id = ?",
        UUID.fromString(runId));
  }

  private static void append(String tenant, String runId, String key, RunEventPayload payload)
      throws Exception {
    try (Connection c = TestApi.db();
        PreparedStatement s =
            c.prepareStatement("select append_run_event(?, ?, ?, ?, cast(? as jsonb))")) {
      s.setString(1, tenant);
      s.setObject(2, UUID.fromString(runId));
      s.setString(3, key);
      s.setString(4, payload.type());
      s.setString(5, RunEventJson.write(payload));
      s.executeQuery().close();
    }
  }
}
