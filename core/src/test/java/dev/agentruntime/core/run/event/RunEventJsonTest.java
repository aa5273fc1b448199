package dev.agentruntime.core.run.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentruntime.core.run.RunEventTypes;
import dev.agentruntime.core.run.RunStatus;
import dev.agentruntime.core.workflow.RunControl;
import dev.agentruntime.core.workflow.RunOutcome;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The payload records write the JSON the hand-built payloads wrote before them (same names, same
 * JSON types, nulls written or left out as they were), and read it back into equal records.
 */
class RunEventJsonTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyTypeHasExactlyOneRecordAndEveryRecordOneType() {
    assertThat(RunEventJson.records().keySet())
        .containsExactlyInAnyOrderElementsOf(RunEventTypes.ALL);
    Set<Class<?>> records = new HashSet<>(RunEventJson.records().values());
    assertThat(records)
        .hasSize(RunEventTypes.ALL.size())
        .containsExactlyInAnyOrderElementsOf(leafRecords(RunEventPayload.class));
  }

  @Test
  void aRecordIsWrittenUnderItsOwnType() {
    assertThat(new RunQueued("notes", 2).type()).isEqualTo(RunEventTypes.RUN_QUEUED);
    assertThat(RunEnded.of(new RunOutcome(RunStatus.TIMED_OUT, "limit", 3, 40)).type())
        .isEqualTo(RunEventTypes.RUN_TIMED_OUT);
    assertThat(PauseChanged.of(false, 2, null).type()).isEqualTo(RunEventTypes.RUN_RESUMED);
    for (RunStatus status : RunStatus.TERMINAL) {
      assertThat(RunEnded.of(new RunOutcome(status, null, 0, 0)).type())
          .isEqualTo(RunEventTypes.terminalFor(status));
    }
    assertThatThrownBy(() -> RunEnded.of(new RunOutcome(RunStatus.RUNNING, null, 0, 0)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nullsAreWrittenWhereTheyWereAndLeftOutWhereTheyWere() throws Exception {
    assertJson(
        new ModelCallCompleted(1, 1, 12, "wf/1", null, List.of("search")),
        "{\"step\":1,\"attempt\":1,\"tokens\":12,\"idempotencyKey\":\"wf/1\","
            + "\"finishReason\":null,\"toolCalls\":[\"search\"]}");
    assertJson(
        new AgentTurnFailed(2, 1, "down", null), "{\"step\":2,\"attempt\":1,\"error\":\"down\"}");
    assertJson(
        new AgentTurnFailed(2, 1, "busy", 503),
        "{\"step\":2,\"attempt\":1,\"error\":\"busy\",\"status\":503}");
    assertJson(
        new AgentTurnCompleted(1, 1, "k", true, 5, 0, List.of(), null),
        "{\"step\":1,\"attempt\":1,\"idempotencyKey\":\"k\",\"output\":true,\"tokens\":5,"
            + "\"stateBytes\":0,\"toolCalls\":[]}");
    assertJson(
        new AgentTurnCompleted(
            1, 1, "k", false, 5, 7, List.of("a"), new AgentTurnCompleted.Agent("n", null, "p/1")),
        "{\"step\":1,\"attempt\":1,\"idempotencyKey\":\"k\",\"output\":false,\"tokens\":5,"
            + "\"stateBytes\":7,\"toolCalls\":[\"a\"],"
            + "\"agent\":{\"name\":\"n\",\"version\":null,\"protocol\":\"p/1\"}}");
    assertJson(PauseChanged.of(true, 3, null), "{\"step\":3,\"actor\":null}"); // workflow-initiated
    assertJson(
        new ControlRequested.CancelRequested(new RunControl("alice", null)),
        "{\"actor\":\"alice\"}");
    assertJson(
        new ControlRequested.PauseRequested(new RunControl("alice", "lunch")),
        "{\"actor\":\"alice\",\"reason\":\"lunch\"}");
    assertJson(
        RunEnded.of(new RunOutcome(RunStatus.SUCCEEDED, null, 2, 30)),
        "{\"status\":\"succeeded\",\"steps\":2,\"totalTokens\":30}");
    assertJson(
        new ApprovalDecided("ap", 1, "expired", null, null),
        "{\"approvalId\":\"ap\",\"step\":1,\"status\":\"expired\",\"actor\":null}");
    assertJson(
        new KernelDependencyUnavailable(1, "CallModel", KernelDependencyUnavailable.DATABASE, null),
        "{\"step\":1,\"activity\":\"CallModel\",\"dependency\":\"database\",\"error\":null}");
    UUID version = UUID.randomUUID();
    assertJson(
        new RunStarted(version, "run-1"),
        "{\"agentVersionId\":\"" + version + "\",\"workflowId\":\"run-1\"}");
  }

  @Test
  void aCompletedToolCallIsOneFlatObjectWhoseEffectIsToldByItsFields() throws Exception {
    assertJson(
        new ToolCallCompleted(
            1, 0, "save", "c1", new ToolCallCompleted.ArtifactWritten("a.txt", "text/plain", 3)),
        "{\"step\":1,\"index\":0,\"tool\":\"save\",\"callId\":\"c1\","
            + "\"artifact\":\"a.txt\",\"contentType\":\"text/plain\",\"sizeBytes\":3}");
    assertJson(
        new ToolCallCompleted(
            2,
            1,
            "fetch",
            "c2",
            new ToolCallCompleted.HttpResponded("GET", "example.com", 200, 512, false)),
        "{\"step\":2,\"index\":1,\"tool\":\"fetch\",\"callId\":\"c2\",\"method\":\"GET\","
            + "\"host\":\"example.com\",\"status\":200,\"responseBytes\":512,\"truncated\":false}");
    assertJson(
        new ToolCallCompleted(
            3,
            0,
            "lookup",
            "c3",
            new ToolCallCompleted.McpAnswered(
                "mcp.example.com", "lookup", "ab12", 40, true, List.of("1 image"))),
        "{\"step\":3,\"index\":0,\"tool\":\"lookup\",\"callId\":\"c3\","
            + "\"server\":\"mcp.example.com\",\"mcpTool\":\"lookup\",\"definitionSha256\":\"ab12\","
            + "\"resultChars\":40,\"truncated\":true,\"omittedParts\":[\"1 image\"]}");
  }

  @Test
  void aPayloadThatIsNotItsRecordIsRefused() throws Exception {
    assertThatThrownBy(
            () -> RunEventJson.read(RunEventTypes.RUN_QUEUED, "{\"agentName\":\"a\",\"x\":1}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("run.queued");
    assertThatThrownBy(() -> RunEventJson.read(RunEventTypes.MODEL_CALL_FAILED, "{\"step\":\"1\"}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                RunEventJson.read(
                    RunEventTypes.TOOL_CALL_COMPLETED,
                    "{\"step\":1,\"index\":0,\"tool\":\"t\",\"callId\":\"c\",\"colour\":\"red\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tool.call.completed");
    assertThatThrownBy(
            () ->
                RunEventJson.read(
                    RunEventTypes.TOOL_CALL_COMPLETED,
                    "{\"step\":1,\"index\":0,\"tool\":\"t\",\"callId\":\"c\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("effect");
    assertThatThrownBy(() -> RunEventJson.read("step.finished", "{}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("step.finished");
  }

  /** Written as {@code expected} (in meaning: key order aside) and read back as an equal record. */
  private static void assertJson(RunEventPayload payload, String expected) throws Exception {
    JsonNode written = JSON.readTree(RunEventJson.write(payload));
    assertThat(written).as(payload.type()).isEqualTo(JSON.readTree(expected));
    assertThat(RunEventJson.read(payload.type(), written)).isEqualTo(payload);
  }

  /** The records below a sealed type, through its sealed sub-interfaces. */
  private static List<Class<?>> leafRecords(Class<?> sealed) {
    List<Class<?>> out = new ArrayList<>();
    for (Class<?> sub : sealed.getPermittedSubclasses()) {
      if (sub.isRecord()) {
        out.add(sub);
      } else {
        out.addAll(leafRecords(sub));
      }
    }
    return out;
  }
}
