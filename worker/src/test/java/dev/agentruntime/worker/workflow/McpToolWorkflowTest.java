package dev.agentruntime.worker.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentruntime.core.approval.ApprovalDecision;
import dev.agentruntime.core.run.RunEventTypes;
import dev.agentruntime.core.run.RunStatus;
import dev.agentruntime.core.spec.ToolSpec;
import dev.agentruntime.core.workflow.AgentRunWorkflow;
import dev.agentruntime.core.workflow.RunOutcome;
import dev.agentruntime.core.workflow.RunWorkflowInput;
import dev.agentruntime.testkit.FakeOpenAiServer.Call;
import dev.agentruntime.worker.McpTestServers;
import dev.agentruntime.worker.McpTestServers.Server;
import dev.agentruntime.worker.TestInfrastructure.ApprovalRow;
import dev.agentruntime.worker.TestInfrastructure.Event;
import dev.agentruntime.worker.TestSpecs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code mcp} tool kind in whole runs against real MCP servers: the reference server-everything
 * (npm), and, for a changed definition, a second server on the official SDK that serves another
 * {@code echo} at the same URL.
 */
class McpToolWorkflowTest extends WholeRunTest {

  private static final String INPUT = "{\"message\": \"Say hello\"}";
  private static final String ECHO_ARGS = "{\"message\":\"hello mcp\"}";

  private static Server everything;

  @BeforeAll
  static void startEverything() {
    everything = McpTestServers.everything(McpTestServers.freePort());
  }

  @AfterAll
  static void stopEverything() {
    everything.close();
  }

  @Test
  void theModelIsOfferedOnlyTheAllowedToolsWithTheServersDefinitionsAndReadsTheResult()
      throws Exception {
    model.toolArguments(ECHO_ARGS);
    RunWorkflowInput run =
        infra.seedRun(TestSpecs.mcp(model.baseUrl(), entry(everything, false)), INPUT);
    int before = model.calls().size();

    RunOutcome outcome = harness.run(run);

    assertThat(outcome.status()).as(outcome.reason()).isEqualTo(RunStatus.SUCCEEDED);
    List<Call> calls = model.calls().subList(before, model.calls().size());
    JsonNode offered = calls.get(0).request().path("tools");
    List<String> names = new ArrayList<>();
    offered.forEach(t -> names.add(t.path("function").path("name").asText()));
    assertThat(names).containsExactly("echo", "get-sum");
    JsonNode echo = offered.get(0).path("function");
    assertThat(echo.path("description").asText()).isEqualTo("Echoes back the input string");
    assertThat(echo.at("/parameters/properties/message/type").asText()).isEqualTo("string");
    assertThat(echo.at("/parameters/properties/message/description").asText())
        .isEqualTo("Message to echo");
    assertThat(echo.at("/parameters/required").toString()).isEqualTo("[\"message\"]");
    String next = calls.get(1).request().path("messages").toString();
    assertThat(next).contains("Echo: hello mcp");
    Event completed = only(infra.events(run), RunEventTypes.TOOL_CALL_COMPLETED);
    assertThat(completed.payload()).contains("\"tool\": \"echo\"", "\"mcpTool\": \"echo\"");
    assertThat(infra.mcpPins(run)).containsOnlyKeys("echo", "get-sum");
  }

  @Test
  void aSecondRunOfTheVersionReusesItsPins() throws Exception {
    model.toolArguments(ECHO_ARGS);
    RunWorkflowInput first =
        infra.seedRun(TestSpecs.mcp(model.baseUrl(), entry(everything, false)), INPUT);
    assertThat(harness.run(first).status()).isEqualTo(RunStatus.SUCCEEDED);
    Map<String, String> pins = infra.mcpPins(first);

    RunWorkflowInput second = infra.seedRunOfSameVersion(first, INPUT);
    assertThat(harness.run(second).status()).isEqualTo(RunStatus.SUCCEEDED);

    // Same hashes and the same pinned_at: nothing was pinned again.
    assertThat(infra.mcpPins(second)).isEqualTo(pins);
  }

  @Test
  void aGatedMcpToolRunsOnlyAfterApproval() throws Exception {
    model.toolArguments(ECHO_ARGS);
    RunWorkflowInput run =
        infra.seedRun(TestSpecs.mcp(model.baseUrl(), entry(everything, true)), INPUT);
    AgentRunWorkflow workflow = harness.start(run);
    ApprovalRow pending = awaitPending(run);
    assertThat(pending.toolName()).isEqualTo("echo");
    assertThat(infra.events(run).stream().map(Event::type))
        .doesNotContain(RunEventTypes.TOOL_CALL_COMPLETED);

    workflow.decide(
        new ApprovalDecision(pending.id(), "approve", pending.argumentsSha256(), "carol", null));

    assertThat(harness.outcome(run, Duration.ofSeconds(30)).status())
        .isEqualTo(RunStatus.SUCCEEDED);
    assertThat(only(infra.events(run), RunEventTypes.TOOL_CALL_COMPLETED).payload())
        .contains("\"mcpTool\": \"echo\"");
  }

  @Test
  void aChangedDefinitionStopsTheRunWithAClearReason() throws Exception {
    int port = McpTestServers.freePort();
    ToolSpec entry =
        ToolSpec.mcp(
            "server",
            "http://127.0.0.1:" + port + "/mcp",
            "secret:MCP_TOKEN",
            List.of("echo"),
            List.of("http://127.0.0.1:" + port),
            false);
    model.toolArguments(ECHO_ARGS);
    RunWorkflowInput first;
    try (Server original = McpTestServers.everything(port)) {
      first = infra.seedRun(TestSpecs.mcp(model.baseUrl(), entry), INPUT);
      infra.putSecret(first.tenantId(), "MCP_TOKEN", "s3cret");
      assertThat(harness.run(first).status()).isEqualTo(RunStatus.SUCCEEDED);
    }
    String pinned = infra.mcpPins(first).get("echo").substring(0, 12);

    // Same URL, same tool name, another definition; it also checks the bearer token.
    try (Server changed = McpTestServers.changedEcho(port, "s3cret")) {
      RunWorkflowInput second = infra.seedRunOfSameVersion(first, INPUT);
      RunOutcome outcome = harness.run(second);

      assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
      assertThat(outcome.reason())
          .contains("'echo'", "http://127.0.0.1:" + port + "/mcp", "changed", pinned)
          .contains("Publish a new agent version");
      assertThat(infra.events(second).stream().map(Event::type))
          .doesNotContain(RunEventTypes.TOOL_CALL_COMPLETED);
    }
  }

  @Test
  void aToolTheServerDoesNotHaveFailsTheRunAtFirstUse() throws Exception {
    ToolSpec entry =
        ToolSpec.mcp(
            "everything",
            everything.url(),
            null,
            List.of("echo", "no-such-tool"),
            List.of("http://127.0.0.1:" + everything.port()),
            false);
    RunWorkflowInput run = infra.seedRun(TestSpecs.mcp(model.baseUrl(), entry), INPUT);

    RunOutcome outcome = harness.run(run);

    assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
    assertThat(outcome.reason()).contains("no-such-tool", everything.url());
    assertThat(infra.mcpPins(run)).isEmpty();
  }

  @Test
  void aServerTheEgressRulesRefuseIsAnsweredToTheModelAndTheRunGoesOn() throws Exception {
    // The IPv6 loopback, which the entry's own allowlist names but the operator did not grant
    // (the tests' grants are 127.0.0.1 and localhost): an IP literal in a spec unlocks nothing.
    String origin = "[::1]:" + everything.port();
    ToolSpec entry =
        ToolSpec.mcp(
            "everything",
            "http://" + origin + "/mcp",
            null,
            List.of("echo"),
            List.of("http://" + origin),
            false);
    model.toolArguments(ECHO_ARGS);
    RunWorkflowInput run = infra.seedRun(TestSpecs.mcp(model.baseUrl(), entry), INPUT);

    RunOutcome outcome = harness.run(run);

    assertThat(outcome.status()).isEqualTo(RunStatus.SUCCEEDED);
    Event failed = only(infra.events(run), RunEventTypes.TOOL_CALL_FAILED);
    assertThat(failed.payload()).contains("refused", "loopback", "::1");
    assertThat(infra.mcpPins(run)).isEmpty();
  }

  private static ToolSpec entry(Server server, boolean requiresApproval) {
    return ToolSpec.mcp(
        "everything",
        server.url(),
        null,
        List.of("echo", "get-sum"),
        List.of("http://127.0.0.1:" + server.port()),
        requiresApproval);
  }

  private static ApprovalRow awaitPending(RunWorkflowInput run) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (infra.approvals(run).isEmpty()) {
      assertThat(System.nanoTime()).as("an approval within 20 s").isLessThan(deadline);
      Thread.sleep(50);
    }
    return infra.approvals(run).get(0);
  }

  private static Event only(List<Event> events, String type) {
    List<Event> matching = events.stream().filter(e -> e.type().equals(type)).toList();
    assertThat(matching).as(type).hasSize(1);
    return matching.get(0);
  }
}
