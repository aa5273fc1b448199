package dev.agentruntime.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.temporal.client.WorkflowClient;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A child run against a tool call of the same shape ({@code scripts/bench.sh --only child-runs}):
 * two root agents that differ only in their one tool. Step 1 of each asks for one call with the
 * same arguments; the kernel runs it (a {@code write_artifact} call, or a child run of an agent
 * without tools, which answers in one model step); step 2 answers. Run alternately through the API
 * on the same stack, one at a time; the histories of the roots and of the children say where the
 * time went.
 */
final class ChildRunBench {

  static final String TOOL_ROOT = "root-with-tool";
  static final String CHILD_ROOT = "root-with-child";
  static final String CHILD = "child-writer";
  static final int STEPS = 2;
  private static final ObjectNode INPUT =
      JsonNodeFactory.instance.objectNode().put("topic", "durable execution");

  /** One shape measured: its root agent, run wall times, root workflow ids, and the histories. */
  static final class Variant {
    final String name;
    final String rootAgent;
    final int treeSteps;
    final List<Long> wall = new ArrayList<>();
    final List<String> workflowIds = new ArrayList<>();
    final HistoryBreakdown history = new HistoryBreakdown();
    final ChildWorkflowTimes children = new ChildWorkflowTimes();
    final HistoryBreakdown childHistory = new HistoryBreakdown();

    /**
     * @param treeSteps the model steps of a root's whole tree: its own 2, plus the child's one
     */
    Variant(String name, String rootAgent, int treeSteps) {
      this.name = name;
      this.rootAgent = rootAgent;
      this.treeSteps = treeSteps;
    }

    Stats wallStats() {
      return Stats.of(wall);
    }
  }

  record Result(int runs, int warmup, Variant tool, Variant child) {

    /**
     * Child minus tool wall time of each measured pair (the two runs measured one after the other).
     */
    List<Long> pairedDifferences() {
      List<Long> out = new ArrayList<>();
      for (int i = 0; i < Math.min(tool.wall.size(), child.wall.size()); i++) {
        out.add(child.wall.get(i) - tool.wall.get(i));
      }
      return out;
    }
  }

  private final BenchApi api;
  private final WorkflowClient client;
  private final PrintStream log;

  ChildRunBench(BenchApi api, WorkflowClient client, PrintStream log) {
    this.api = api;
    this.client = client;
    this.log = log;
  }

  /**
   * Publishes the child (no tools, so it answers at once) and both roots with the same model,
   * instructions, limits and retry policy; the roots' limits leave room for the child's, which are
   * reserved out of them before it starts.
   */
  void publish(String modelBaseUrl) {
    api.createAgentFromJson(CHILD, spec(modelBaseUrl, "You write notes.", null, 5, 10_000));
    ObjectNode tool =
        JsonNodeFactory.instance
            .objectNode()
            .put("name", "save_note")
            .put("kind", "write_artifact")
            .put("description", "Saves a note");
    ObjectNode agent =
        JsonNodeFactory.instance
            .objectNode()
            .put("name", "save_note")
            .put("kind", "agent")
            .put("agent", CHILD)
            .put("version", 1)
            .put("description", "Saves a note");
    String instructions = "You keep notes: save one, then answer.";
    api.createAgentFromJson(TOOL_ROOT, spec(modelBaseUrl, instructions, tool, 20, 200_000));
    api.createAgentFromJson(CHILD_ROOT, spec(modelBaseUrl, instructions, agent, 20, 200_000));
  }

  private static ObjectNode spec(
      String modelBaseUrl, String instructions, ObjectNode tool, int maxSteps, int maxTokens) {
    ObjectNode spec = JsonNodeFactory.instance.objectNode().put("instructions", instructions);
    spec.putObject("model")
        .put("provider", "openai")
        .put("name", "fake-gpt")
        .put("baseUrl", modelBaseUrl);
    if (tool != null) {
      spec.putArray("tools").add(tool);
    }
    spec.putObject("limits")
        .put("maxSteps", maxSteps)
        .put("maxTokens", maxTokens)
        .put("timeoutSeconds", 300);
    spec.putObject("retry").put("maxAttempts", 3).put("attemptTimeoutSeconds", 30);
    return spec;
  }

  /**
   * {@code warmup} runs of each (discarded), then {@code runs} pairs, one run at a time, the order
   * within a pair alternating (tool first, then child first, …) so that neither shape always runs
   * right after the other; then the histories of the roots and their children.
   */
  Result run(int runs, int warmup) {
    Variant tool = new Variant("tool call (write_artifact)", TOOL_ROOT, STEPS);
    Variant child = new Variant("child run (kind agent)", CHILD_ROOT, STEPS + 1);
    log.printf("child runs: warm-up %d of each (discarded)%n", warmup);
    for (int i = 0; i < warmup; i++) {
      runOnce(tool);
      runOnce(child);
    }
    log.printf("child runs: %d runs of each, interleaved%n", runs);
    for (int i = 0; i < runs; i++) {
      for (Variant v : i % 2 == 0 ? List.of(tool, child) : List.of(child, tool)) {
        long t0 = System.nanoTime();
        String id = runOnce(v);
        v.wall.add(System.nanoTime() - t0);
        v.workflowIds.add(id);
      }
    }
    for (Variant v : List.of(tool, child)) {
      for (String id : v.workflowIds) {
        var events = client.fetchHistory(id).getEvents();
        v.history.add(events);
        v.children.add(events);
      }
      for (String id : v.children.workflowIds()) {
        checkSucceeded(id, 1, "child");
        v.childHistory.add(client.fetchHistory(id).getEvents());
      }
      log.printf(
          "child runs %s: run mean %.1f ms p50 %.1f p99 %.1f; %d children%n",
          v.name,
          v.wallStats().meanMs(),
          v.wallStats().p50Ms(),
          v.wallStats().p99Ms(),
          v.children.children());
    }
    if (child.children.children() != runs || tool.children.children() != 0) {
      throw new IllegalStateException(
          "expected one child run per measured run with the agent tool and none with the other, got "
              + child.children.children()
              + " and "
              + tool.children.children());
    }
    return new Result(runs, warmup, tool, child);
  }

  /** POST /v1/runs, then the root's workflow result (a long poll), which must be as expected. */
  private String runOnce(Variant v) {
    String workflowId = api.startRunAccepted(v.rootAgent, INPUT).getWorkflowId();
    // The root's own steps are 2 either way; a child's step counts in its tree's. A child that
    // was refused or failed would leave the root answering on a tool error in 2 steps, so the
    // tree's count is what proves the child ran.
    JsonNode outcome = checkSucceeded(workflowId, STEPS, "root");
    if (outcome.path("treeSteps").asInt(STEPS) != v.treeSteps) {
      throw new IllegalStateException("run " + workflowId + " ended as " + outcome);
    }
    return workflowId;
  }

  private JsonNode checkSucceeded(String workflowId, int steps, String what) {
    JsonNode outcome = client.newUntypedWorkflowStub(workflowId).getResult(JsonNode.class);
    if (!"succeeded".equalsIgnoreCase(outcome.path("status").asText())
        || outcome.path("steps").asInt() != steps) {
      throw new IllegalStateException(what + " run " + workflowId + " ended as " + outcome);
    }
    return outcome;
  }
}
