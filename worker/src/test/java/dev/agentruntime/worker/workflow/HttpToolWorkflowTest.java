package dev.agentruntime.worker.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.agentruntime.core.activity.RunObjectKeys;
import dev.agentruntime.core.approval.ApprovalDecision;
import dev.agentruntime.core.run.RunEventTypes;
import dev.agentruntime.core.run.RunStatus;
import dev.agentruntime.core.spec.AgentSpec;
import dev.agentruntime.core.spec.ToolSpec;
import dev.agentruntime.core.workflow.AgentRunWorkflow;
import dev.agentruntime.core.workflow.RunOutcome;
import dev.agentruntime.core.workflow.RunWorkflowInput;
import dev.agentruntime.worker.RunHarness;
import dev.agentruntime.worker.TestInfrastructure.ApprovalRow;
import dev.agentruntime.worker.TestInfrastructure.Event;
import dev.agentruntime.worker.TestSpecs;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code http_request} tool in whole runs: the model asks for a request, the worker sends it
 * under the tool's egress rules as a scheduled activity, and the model reads the answer or the
 * refusal. A real local HTTP server, reachable only because a rule names its address.
 */
class HttpToolWorkflowTest extends WholeRunTest {

  private static final String INPUT = "{\"message\": \"What is the status?\"}";

  private static HttpServer site;
  private static final AtomicInteger deploys = new AtomicInteger();

  @BeforeAll
  static void startSite() throws Exception {
    site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    site.createContext(
        "/status",
        exchange -> {
          byte[] body = "{\"status\":\"green\"}".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    site.createContext(
        "/deploy",
        exchange -> {
          deploys.incrementAndGet();
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    site.start();
  }

  @AfterAll
  static void stopSite() {
    site.stop(0);
  }

  @Test
  void anAllowedRequestIsSentAsAScheduledActivityAndTheModelReadsTheAnswer() throws Exception {
    String origin = "http://127.0.0.1:" + site.getAddress().getPort();
    model.toolArguments("{\"method\":\"GET\",\"url\":\"" + origin + "/status\"}");
    RunWorkflowInput run =
        infra.seedRun(
            TestSpecs.fetching(model.baseUrl(), List.of("http://127.0.0.1:" + port())), INPUT);

    RunOutcome outcome = harness.run(run);

    assertThat(outcome.status()).isEqualTo(RunStatus.SUCCEEDED);
    Event completed = only(infra.events(run), RunEventTypes.TOOL_CALL_COMPLETED);
    assertThat(completed.payload())
        .contains("\"status\": 200", "\"host\": \"127.0.0.1\"", "\"method\": \"GET\"");
    String result =
        infra.objects.getText(RunObjectKeys.toolResult(run.tenantId(), run.runId(), 1, 0));
    assertThat(result).contains("green");
    // A network tool never runs as a local activity: its call is a scheduled CallTool task.
    List<String> scheduled =
        harness
            .client()
            .fetchHistory(RunHarness.workflowId(run))
            .getHistory()
            .getEventsList()
            .stream()
            .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
            .map(HistoryEvent::getActivityTaskScheduledEventAttributes)
            .map(a -> a.getActivityType().getName())
            .toList();
    assertThat(scheduled).contains("CallTool");
    harness.recordHistory(run, "agent-run-http-tool-v5.json");
  }

  @Test
  void aRequestTheRulesRefuseIsAnsweredToTheModelAndTheRunGoesOn() throws Exception {
    model.toolArguments("{\"method\":\"GET\",\"url\":\"http://169.254.169.254/latest/meta-data\"}");
    RunWorkflowInput run =
        infra.seedRun(TestSpecs.fetching(model.baseUrl(), List.of("api.example.com")), INPUT);

    RunOutcome outcome = harness.run(run);

    assertThat(outcome.status()).isEqualTo(RunStatus.SUCCEEDED);
    Event failed = only(infra.events(run), RunEventTypes.TOOL_CALL_FAILED);
    assertThat(failed.payload()).contains("169.254.169.254").contains("refused");
  }

  @Test
  void aGatedRequestIsSentOnlyOnceAPersonApprovedIt() throws Exception {
    String origin = "http://127.0.0.1:" + site.getAddress().getPort();
    model.toolArguments("{\"method\":\"POST\",\"url\":\"" + origin + "/deploy\"}");
    AgentSpec open = TestSpecs.fetching(model.baseUrl(), List.of(origin));
    ToolSpec fetch = open.tools().get(0);
    AgentSpec gated =
        new AgentSpec(
            open.runtime(),
            open.model(),
            open.instructions(),
            List.of(
                new ToolSpec(
                    fetch.name(),
                    fetch.kind(),
                    fetch.description(),
                    true,
                    fetch.egressAllowlist(),
                    600)),
            open.limits(),
            open.retry(),
            null,
            null);
    RunWorkflowInput run = infra.seedRun(gated, INPUT);
    int before = deploys.get();
    AgentRunWorkflow workflow = harness.start(run);
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (infra.approvals(run).isEmpty()) {
      assertThat(System.nanoTime()).as("approval requested within 20 s").isLessThan(deadline);
      Thread.sleep(50);
    }
    ApprovalRow pending = infra.approvals(run).get(0);

    assertThat(pending.arguments()).contains("/deploy");
    assertThat(deploys.get()).as("nothing sent before the decision").isEqualTo(before);
    workflow.decide(
        new ApprovalDecision(
            pending.id(), ApprovalDecision.APPROVE, pending.argumentsSha256(), "carol", null));

    assertThat(harness.outcome(run, Duration.ofSeconds(30)).status())
        .isEqualTo(RunStatus.SUCCEEDED);
    assertThat(deploys.get()).isEqualTo(before + 1);
    assertThat(only(infra.events(run), RunEventTypes.TOOL_CALL_COMPLETED).payload())
        .contains("\"status\": 204");
  }

  private static int port() {
    return site.getAddress().getPort();
  }

  private static Event only(List<Event> events, String type) {
    List<Event> matching = events.stream().filter(e -> e.type().equals(type)).toList();
    assertThat(matching).as(type).hasSize(1);
    return matching.get(0);
  }
}
