package dev.agentruntime.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentruntime.client.model.AgentSpec;
import dev.agentruntime.client.model.RuntimeSpec;
import dev.agentruntime.testkit.FakeOpenAiServer;
import io.temporal.client.WorkflowClient;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The HTTP agent runtime's turn against the built-in loop's model call ({@code scripts/bench.sh
 * --only agent-turns}): two versions of the same 2-step shape (ask for one {@code write_artifact}
 * call, then answer), one driven by the built-in loop and the fake model, one by the Python
 * reference agent, run alternately through the API on the same stack. The decision activity of each
 * step ({@code CallModel} or {@code TakeTurn}) is timed from the workflow histories; the endpoints
 * alone are timed between the runs by {@link EndpointProbes}.
 */
final class AgentTurnBench {

  static final String BUILTIN = "turns-builtin";
  static final String HTTP = "turns-http";
  static final int STEPS = 2;
  private static final ObjectNode INPUT =
      JsonNodeFactory.instance.objectNode().put("topic", "durable execution");

  /** One version measured: run wall times, workflow ids, and their histories. */
  static final class Variant {
    final String name;
    final String decisionActivity;
    final List<Long> wall = new ArrayList<>();
    final List<String> workflowIds = new ArrayList<>();
    final HistoryBreakdown history = new HistoryBreakdown();

    Variant(String name, String decisionActivity) {
      this.name = name;
      this.decisionActivity = decisionActivity;
    }

    Stats wallStats() {
      return Stats.of(wall);
    }

    /** The decision activity's tasks (one per step); empty totals if none completed. */
    HistoryBreakdown.Totals decision() {
      return history.byType().getOrDefault(decisionActivity, new HistoryBreakdown.Totals());
    }
  }

  record Result(
      int runs, int warmup, Variant builtin, Variant http, EndpointProbes.Result probes) {}

  private final BenchApi api;
  private final WorkflowClient client;
  private final PrintStream log;

  AgentTurnBench(BenchApi api, WorkflowClient client, PrintStream log) {
    this.api = api;
    this.client = client;
    this.log = log;
  }

  /**
   * Publishes both versions with the same tool, instructions, limits and retry policy, so that the
   * runtime is the only difference between them.
   */
  void publish(String modelBaseUrl, String agentEndpoint) {
    api.createAgent(BUILTIN, spec().model(BenchApi.model(modelBaseUrl)));
    api.createAgent(
        HTTP,
        spec().runtime(new RuntimeSpec().type(RuntimeSpec.TypeEnum.HTTP).endpoint(agentEndpoint)));
  }

  private static AgentSpec spec() {
    return BenchApi.spec(
        "You write notes.", "save_note", "Saves a note as an artifact of this run");
  }

  /**
   * {@code warmup} runs of each (discarded), then {@code runs} of each alternately (built-in, http,
   * built-in, …) so that drift of the shared machine hits both alike, each pair followed by a round
   * of endpoint probes; then the histories.
   */
  Result run(int runs, int warmup, FakeOpenAiServer model, String agentEndpoint) {
    Variant builtin = new Variant("built-in loop, fake model", "CallModel");
    Variant http = new Variant("http runtime, Python reference agent", "TakeTurn");
    log.printf("agent turns: warm-up %d of each (discarded)%n", warmup);
    for (int i = 0; i < warmup; i++) {
      runOnce(BUILTIN);
      runOnce(HTTP);
    }
    // The probes take their model requests from the warm-up runs, and run between the measured
    // runs so that they meet the same machine load as the activities they are compared with.
    EndpointProbes probes = new EndpointProbes(model, agentEndpoint, runs);
    for (int i = 0; i < warmup; i++) {
      probes.round(false);
    }
    log.printf(
        "agent turns: %d runs of each, interleaved, with a round of endpoint probes%n", runs);
    for (int i = 0; i < runs; i++) {
      for (Variant v : List.of(builtin, http)) {
        long t0 = System.nanoTime();
        String id = runOnce(v == builtin ? BUILTIN : HTTP);
        v.wall.add(System.nanoTime() - t0);
        v.workflowIds.add(id);
      }
      probes.round(true);
    }
    for (Variant v : List.of(builtin, http)) {
      for (String id : v.workflowIds) {
        v.history.add(client.fetchHistory(id).getEvents());
      }
      HistoryBreakdown.Totals d = v.decision();
      log.printf(
          "agent turns %s: run p50 %.1f ms p95 %.1f; %s started→completed p50 %.1f ms p95 %.1f"
              + " (%d tasks)%n",
          v.name,
          v.wallStats().p50Ms(),
          v.wallStats().p95Ms(),
          v.decisionActivity,
          d.executionStats().p50Ms(),
          d.executionStats().p95Ms(),
          d.tasks);
    }
    return new Result(runs, warmup, builtin, http, probes.result());
  }

  /**
   * POST /v1/runs, then the run's workflow result through the Temporal client (a long poll on the
   * workflow id the API answered, as {@link StepBench} does); the outcome must be a success in
   * exactly {@link #STEPS} steps, or the two versions would not be comparable.
   */
  private String runOnce(String agentName) {
    String workflowId = api.startRunAccepted(agentName, INPUT).getWorkflowId();
    JsonNode outcome = client.newUntypedWorkflowStub(workflowId).getResult(JsonNode.class);
    if (!"succeeded".equalsIgnoreCase(outcome.path("status").asText())
        || outcome.path("steps").asInt() != STEPS) {
      throw new IllegalStateException(agentName + " run " + workflowId + " ended as " + outcome);
    }
    return workflowId;
  }
}
