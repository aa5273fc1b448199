package dev.agentruntime.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentruntime.client.model.RunResponse;
import dev.agentruntime.embedded.Ports;
import dev.agentruntime.embedded.TemporalDevServer;
import dev.agentruntime.standalone.Stack;
import dev.agentruntime.standalone.StackSettings;
import dev.agentruntime.testkit.FakeOpenAiServer;
import dev.agentruntime.testkit.JaegerTrace;
import dev.agentruntime.testkit.LocalJaeger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Traces of the packaged API and worker against a real Jaeger v2, through a kill -9 of the worker
 * mid-run: one trace per run from {@code POST /v1/runs} (the API's server span, the trace's root)
 * through the workflow start to every activity of both workers, and exactly one completed
 * model-call span per completed model step, although the new worker replayed the run's history. The
 * killed attempt's model-call span dies unexported with its process; its retry has its own.
 */
class TracingIT {

  @Test
  void oneTracePerRunFromTheApiRequestThroughAWorkerKilledMidRun() throws Exception {
    Path home = Path.of(System.getProperty("agent-runtime.e2e.home", "target/e2e") + "-tracing");
    try (FakeOpenAiServer model = FakeOpenAiServer.start();
        LocalJaeger jaeger = LocalJaeger.start(home.resolve("jaeger"));
        TemporalDevServer temporal =
            TemporalDevServer.start(home.resolve("temporal"), Ports.free(), Ports.free());
        Stack stack = Stack.start(settings(home, temporal, jaeger))) {
      E2ETenant api = E2ETenant.newTenant(stack);
      api.createAgentOnOpenAi("traced", model.baseUrl(), 3);
      // Step 1 (model call + tool call) completes; the model call of step 2 is held in flight.
      model.toolRounds(1).holdCall(2);
      String runId = api.startRun("traced", "trace me");
      assertThat(model.awaitHeld(Duration.ofSeconds(60))).as("step 2 in flight").isTrue();
      // What the worker ended before the crash has been exported (100 ms batches).
      Thread.sleep(1000);
      stack.killWorker();
      model.release();
      stack.startNewWorker();
      RunResponse run = api.awaitEnd(runId, Duration.ofSeconds(90));
      assertThat(run.getStatus().getValue()).isEqualTo("succeeded");

      JaegerTrace trace = awaitTrace(jaeger, runId);
      JsonNode start = only(trace, "StartWorkflow:AgentRunWorkflow");
      JsonNode admission = trace.parent(start);
      assertThat(JaegerTrace.name(admission)).isEqualTo("POST /v1/runs");
      assertThat(trace.parent(admission)).isNull();
      List<JsonNode> activities = trace.named("RunActivity:");
      assertThat(activities.stream().map(JaegerTrace::name).toList())
          .contains("RunActivity:FinishRun");
      for (JsonNode activity : activities) {
        assertThat(trace.parent(activity)).isSameAs(start);
      }
      List<JsonNode> completed =
          trace.named("chat ").stream().filter(s -> !JaegerTrace.failed(s)).toList();
      assertThat(completed).hasSize(2);
      assertThat(api.eventTypes(runId)).filteredOn("model.call.completed"::equals).hasSize(2);
      assertThat(
              completed.stream().map(s -> JaegerTrace.tags(s).get("agent_runtime.step")).toList())
          .containsExactlyInAnyOrder("1", "2");
      for (JsonNode chat : completed) {
        assertThat(JaegerTrace.tags(chat))
            .containsEntry("gen_ai.operation.name", "chat")
            .containsEntry("langfuse.session.id", runId)
            .containsEntry("langfuse.observation.type", "generation");
      }
      assertThat(trace.named("execute_tool ")).hasSize(1);
    }
  }

  private static StackSettings settings(Path home, TemporalDevServer temporal, LocalJaeger jaeger) {
    Map<String, String> tracing = TestStacks.traced(jaeger.otlpEndpoint());
    return TestStacks.settings(home, temporal.target(), tracing, tracing);
  }

  /** The run's whole trace, once its last activity's span has arrived. */
  private static JaegerTrace awaitTrace(LocalJaeger jaeger, String runId) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      String found = jaeger.traces("agent-runtime-api");
      for (JaegerTrace candidate :
          found == null ? List.<JaegerTrace>of() : JaegerTrace.parseAll(found)) {
        for (JsonNode span : candidate.named("StartWorkflow:")) {
          if (runId.equals(JaegerTrace.tags(span).get("agent_runtime.run.id"))) {
            JaegerTrace trace = JaegerTrace.parse(jaeger.trace(JaegerTrace.traceId(span)), 0);
            if (!trace.named("RunActivity:FinishRun").isEmpty()) {
              Thread.sleep(1000);
              return JaegerTrace.parse(jaeger.trace(JaegerTrace.traceId(span)), 0);
            }
          }
        }
      }
      Thread.sleep(300);
    }
    throw new AssertionError("no complete trace of run " + runId + " in Jaeger");
  }

  private static JsonNode only(JaegerTrace trace, String name) {
    List<JsonNode> matching =
        trace.spans().stream().filter(s -> JaegerTrace.name(s).equals(name)).toList();
    assertThat(matching).as(name).hasSize(1);
    return matching.get(0);
  }
}
