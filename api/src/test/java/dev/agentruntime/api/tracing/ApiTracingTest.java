package dev.agentruntime.api.tracing;

import static dev.agentruntime.api.TestApi.as;
import static dev.agentruntime.api.TestApi.tenantToken;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentruntime.api.TestApi;
import dev.agentruntime.api.run.control.RunSignals;
import dev.agentruntime.core.run.QueuedRun;
import dev.agentruntime.core.tracing.TraceHeaders;
import dev.agentruntime.core.workflow.RunControl;
import dev.agentruntime.core.workflow.RunWorkflows;
import dev.agentruntime.testkit.JaegerTrace;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DefaultDataConverter;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The API's half of a run's trace, read back from a real Jaeger: {@code POST /v1/runs} is the
 * trace's root (the run's admission), the workflow start is its child and carries the run's
 * attributes, and the start's Temporal header holds that span's W3C context, which the worker
 * continues (WorkerTracingTest in the worker proves that half).
 */
@QuarkusTest
@WithTestResource(value = TracedApiServices.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class ApiTracingTest {

  @Inject WorkflowClient temporal;
  @Inject RunSignals signals;

  @Test
  void theAdmissionSpanIsTheRootAndTheWorkflowStartCarriesItsContext() throws Exception {
    String tenant = TestApi.newTenant();
    TestApi.agentWithVersion(tenant, "traced");
    String runId =
        as(tenantToken(tenant))
            .body(Map.of("agentName", "traced", "input", Map.of("message", "hi")))
            .post("/v1/runs")
            .then()
            .statusCode(202)
            .extract()
            .path("id");

    JsonNode start = awaitStartSpan(runId);
    JaegerTrace trace = awaitParentOf(start);
    JsonNode admission = trace.parent(start);
    assertThat(admission).isNotNull();
    assertThat(JaegerTrace.name(admission)).isEqualTo("POST /v1/runs");
    assertThat(trace.parent(admission)).isNull();
    assertThat(JaegerTrace.tags(admission)).containsEntry("span.kind", "server");
    assertThat(JaegerTrace.tags(start))
        .containsEntry("agent_runtime.tenant", tenant)
        .containsEntry("agent_runtime.agent", "traced")
        .containsEntry("agent_runtime.agent.version", "1")
        .containsEntry("langfuse.session.id", runId)
        .containsEntry("langfuse.user.id", tenant)
        .containsEntry("langfuse.trace.name", "traced")
        .containsEntry("langfuse.release", "traced@1");

    HistoryEvent started =
        temporal
            .fetchHistory(RunWorkflows.workflowId(tenant, "traced", 1, UUID.fromString(runId)))
            .getEvents()
            .get(0);
    Map<String, Payload> header =
        started.getWorkflowExecutionStartedEventAttributes().getHeader().getFieldsMap();
    String traceparent = text(header.get(TraceHeaders.TRACEPARENT));
    assertThat(traceparent)
        .isEqualTo("00-" + JaegerTrace.traceId(start) + "-" + JaegerTrace.id(start) + "-01");
    assertThat(text(header.get(TraceHeaders.BAGGAGE))).contains("agent_runtime.run.id=" + runId);
  }

  @Test
  void aControlSignalThatStartsTheWorkflowCarriesTheTraceContextToo() {
    QueuedRun run =
        new QueuedRun(
            "tenant-" + UUID.randomUUID(),
            UUID.randomUUID(),
            UUID.randomUUID(),
            "signalled",
            UUID.randomUUID(),
            2,
            "signalled-" + UUID.randomUUID());

    assertThat(signals.send(run, RunSignals.Signal.PAUSE, new RunControl("someone", "test")))
        .isEqualTo(RunSignals.Delivery.DELIVERED);

    HistoryEvent started = temporal.fetchHistory(run.workflowId()).getEvents().get(0);
    Map<String, Payload> header =
        started.getWorkflowExecutionStartedEventAttributes().getHeader().getFieldsMap();
    assertThat(text(header.get(TraceHeaders.TRACEPARENT))).startsWith("00-");
    assertThat(text(header.get(TraceHeaders.BAGGAGE)))
        .contains("agent_runtime.run.id=" + run.runId());
  }

  /** The StartWorkflow span of the run, once exported (export is asynchronous). */
  /**
   * The start span's trace once its parent is in Jaeger too: the server span of {@code POST
   * /v1/runs} ends after the answer is sent, after its child, so it may be exported in a later
   * batch than the start span the test found first.
   */
  private static JaegerTrace awaitParentOf(JsonNode start) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      JaegerTrace trace =
          JaegerTrace.parse(TracedApiServices.jaeger.trace(JaegerTrace.traceId(start)), 0);
      if (trace.parent(start) != null || System.nanoTime() > deadline) {
        return trace;
      }
      Thread.sleep(200);
    }
  }

  private static JsonNode awaitStartSpan(String runId) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      String body = TracedApiServices.jaeger.traces("agent-runtime-api");
      if (body != null) {
        for (JaegerTrace trace : JaegerTrace.parseAll(body)) {
          List<JsonNode> starts = trace.named("StartWorkflow:");
          for (JsonNode span : starts) {
            if (runId.equals(JaegerTrace.tags(span).get("agent_runtime.run.id"))) {
              return span;
            }
          }
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no StartWorkflow span of run " + runId + " in Jaeger");
  }

  private static String text(Payload payload) {
    assertThat(payload).isNotNull();
    return DefaultDataConverter.STANDARD_INSTANCE.fromPayload(payload, String.class, String.class);
  }
}
