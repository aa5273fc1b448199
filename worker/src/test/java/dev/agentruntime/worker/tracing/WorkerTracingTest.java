package dev.agentruntime.worker.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentruntime.core.run.RunEventTypes;
import dev.agentruntime.core.run.RunStatus;
import dev.agentruntime.core.tracing.TraceHeaders;
import dev.agentruntime.core.tracing.TracingClientInterceptor;
import dev.agentruntime.core.workflow.AgentRunWorkflow;
import dev.agentruntime.core.workflow.RunOutcome;
import dev.agentruntime.core.workflow.RunWorkflowInput;
import dev.agentruntime.core.workflow.RunWorkflows;
import dev.agentruntime.testkit.FakeOpenAiServer;
import dev.agentruntime.testkit.JaegerTrace;
import dev.agentruntime.worker.RunHarness;
import dev.agentruntime.worker.TestInfrastructure;
import dev.agentruntime.worker.TestSpecs;
import dev.agentruntime.worker.workflow.AgentRunWorkflowImpl;
import dev.agentruntime.worker.workflow.AgentRunWorkflowReplayTest;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged worker's traces, read back from a real Jaeger: a run started under a span (standing
 * in for the API's {@code POST /v1/runs}) through a client with the API's interceptor is one trace
 * from that span through the workflow start to every activity, model and tool call. The worker
 * replays the history on every workflow task ({@link TracedWorkerResource}), and one model attempt
 * fails: the trace still holds exactly one completed model-call span per completed model step, and
 * one failed span for the failed attempt.
 */
@QuarkusTest
@QuarkusTestResource(value = TracedWorkerResource.class, restrictToAnnotatedClass = true)
class WorkerTracingTest {

  private static FakeOpenAiServer model;

  @Inject WorkflowServiceStubs stubs;
  @Inject Tracer tracer;

  @BeforeAll
  static void startModel() {
    model = FakeOpenAiServer.start();
  }

  @AfterAll
  static void stopModel() {
    model.close();
  }

  @Test
  void oneTraceFromTheStartThroughEveryActivityWithOneSpanPerCompletedModelCall() throws Exception {
    TestInfrastructure infra = TestInfrastructure.get();
    model.toolRounds(1).failNext(1, 500);
    RunWorkflowInput run =
        infra.seedRun(TestSpecs.openAi(model.baseUrl()), "{\"message\": \"hi\"}");
    WorkflowClient client =
        WorkflowClient.newInstance(
            stubs,
            WorkflowClientOptions.newBuilder()
                .setNamespace("default")
                .setInterceptors(new TracingClientInterceptor(tracer))
                .build());

    Span admission = tracer.spanBuilder("POST /v1/runs").setSpanKind(SpanKind.SERVER).startSpan();
    try (Scope ignored = admission.makeCurrent()) {
      AgentRunWorkflow workflow =
          client.newWorkflowStub(
              AgentRunWorkflow.class,
              WorkflowOptions.newBuilder()
                  .setTaskQueue(RunWorkflows.TASK_QUEUE)
                  .setWorkflowId(RunHarness.workflowId(run))
                  .build());
      WorkflowClient.start(workflow::run, run);
    } finally {
      admission.end();
    }
    RunOutcome outcome =
        client
            .newUntypedWorkflowStub(RunHarness.workflowId(run))
            .getResultAsync(RunOutcome.class)
            .get(60, TimeUnit.SECONDS);
    assertThat(outcome.status()).isEqualTo(RunStatus.SUCCEEDED);

    String traceId = admission.getSpanContext().getTraceId();
    JaegerTrace trace = awaitTrace(traceId, "RunActivity:FinishRun");

    JsonNode root = only(trace, "POST /v1/runs");
    assertThat(trace.parent(root)).isNull();
    JsonNode start = only(trace, "StartWorkflow:AgentRunWorkflow");
    assertThat(trace.parent(start)).isSameAs(root);
    assertThat(tags(start))
        .containsEntry("agent_runtime.run.id", run.runId().toString())
        .containsEntry("langfuse.session.id", run.runId().toString());

    List<JsonNode> activities = trace.named("RunActivity:");
    assertThat(activities.stream().map(JaegerTrace::name).toList())
        .contains("RunActivity:CallModel", "RunActivity:CallTool", "RunActivity:FinishRun");
    for (JsonNode activity : activities) {
      assertThat(trace.parent(activity)).isSameAs(start);
      assertThat(tags(activity)).containsEntry("langfuse.session.id", run.runId().toString());
    }

    // Two model steps completed (a tool call, then the answer); the first attempt failed with a
    // 500 and was retried. Replays of every workflow task added no span.
    List<JsonNode> chats = trace.named("chat gpt-test");
    List<JsonNode> completed = chats.stream().filter(s -> !JaegerTrace.failed(s)).toList();
    assertThat(completed).hasSize(2);
    assertThat(chats.stream().filter(JaegerTrace::failed).count()).isEqualTo(1);
    assertThat(
            infra.events(run).stream()
                .filter(e -> e.type().equals(RunEventTypes.MODEL_CALL_COMPLETED))
                .count())
        .isEqualTo(completed.size());
    for (JsonNode chat : chats) {
      assertThat(JaegerTrace.name(trace.parent(chat))).isEqualTo("RunActivity:CallModel");
    }
    // Jaeger lists a trace's spans in no particular order: the first step's is the earlier one.
    Map<String, String> generation =
        tags(
            completed.stream()
                .min(Comparator.comparingLong(span -> span.path("startTime").asLong()))
                .orElseThrow());
    assertThat(generation)
        .containsEntry("gen_ai.operation.name", "chat")
        .containsEntry("gen_ai.provider.name", "openai")
        .containsEntry("gen_ai.request.model", "gpt-test")
        .containsKeys(
            "gen_ai.usage.input_tokens",
            "gen_ai.usage.output_tokens",
            "gen_ai.response.finish_reasons")
        .containsEntry("langfuse.observation.type", "generation")
        .containsEntry("langfuse.trace.name", run.agentName())
        .containsEntry("langfuse.session.id", run.runId().toString())
        .containsEntry("langfuse.user.id", run.tenantId())
        .containsEntry("langfuse.release", run.agentName() + "@" + run.agentVersion())
        // Content capture is off by default.
        .doesNotContainKeys("langfuse.observation.input", "langfuse.observation.output");
    assertThat(generation.get("langfuse.trace.tags")).contains("tenant:" + run.tenantId());
    assertThat(generation.get("gen_ai.response.finish_reasons")).contains("tool_calls");

    JsonNode tool = only(trace, "execute_tool " + TestSpecs.TOOL);
    assertThat(JaegerTrace.name(trace.parent(tool))).isEqualTo("RunActivity:CallTool");
    assertThat(tags(tool))
        .containsEntry("gen_ai.operation.name", "execute_tool")
        .containsEntry("gen_ai.tool.name", TestSpecs.TOOL)
        .containsEntry("agent_runtime.tool.kind", "write_artifact")
        .containsEntry("langfuse.observation.type", "tool");

    // The history carries the trace headers and still replays, with and without tracing.
    String history = client.fetchHistory(RunHarness.workflowId(run)).toJson(true);
    assertThat(history).contains(TraceHeaders.TRACEPARENT);
    Files.createDirectories(Path.of("target/histories"));
    Files.writeString(Path.of("target/histories/agent-run-traced.json"), history);
    WorkflowReplayer.replayWorkflowExecution(history, AgentRunWorkflowImpl.class);
    TestWorkflowEnvironment traced = AgentRunWorkflowReplayTest.tracedReplayEnvironment();
    try {
      WorkflowReplayer.replayWorkflowExecution(
          WorkflowExecutionHistory.fromJson(history), traced, AgentRunWorkflowImpl.class);
    } finally {
      traced.close();
    }
  }

  /** The trace once a span named {@code last} has arrived (export is asynchronous). */
  private static JaegerTrace awaitTrace(String traceId, String last) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      String body = TracedWorkerResource.jaeger.trace(traceId);
      if (body != null && !JaegerTrace.parse(body, 0).named(last).isEmpty()) {
        // The spans that ended with the last one are exported in the same batch, or just after.
        Thread.sleep(1000);
        return JaegerTrace.parse(TracedWorkerResource.jaeger.trace(traceId), 0);
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("trace " + traceId + " has no span " + last + ": " + body);
      }
      Thread.sleep(200);
    }
  }

  private static JsonNode only(JaegerTrace trace, String name) {
    List<JsonNode> matching =
        trace.spans().stream().filter(s -> JaegerTrace.name(s).equals(name)).toList();
    assertThat(matching).as(name).hasSize(1);
    return matching.get(0);
  }

  private static Map<String, String> tags(JsonNode span) {
    return JaegerTrace.tags(span);
  }
}
