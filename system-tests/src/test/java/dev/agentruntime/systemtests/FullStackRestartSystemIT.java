package dev.agentruntime.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.client.model.LimitsSpec;
import dev.agentruntime.client.model.RunTreeResponse;
import dev.agentruntime.client.model.ToolSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Everything goes down with runs in flight, trees of runs among them, and comes back: every
 * accepted run finishes once, and no child run is started twice.
 */
class FullStackRestartSystemIT {

  private static final int RUNS = 20;

  /** Trees of a root whose model asks the "restart" agent twice, one child after the other. */
  private static final int TREES = 3;

  @Test
  void runsInFlightFinishExactlyOnceAfterEveryServiceIsStoppedAndStartedAgain() throws Exception {
    try (SystemStack system = SystemStack.start("full-restart")) {
      assertDurableCommits(system);
      system.model.latency(Duration.ofMillis(1500)).toolRounds(2);
      E2ETenant api = E2ETenant.newTenant(system.stack);
      api.createAgentWithDefaults("restart", system.model.baseUrl());
      api.createAgent(
          "restart-root",
          E2ETenant.notesSpec(system.model.baseUrl(), false)
              .tools(
                  List.of(
                      new ToolSpec()
                          .name("ask")
                          .kind(ToolSpec.KindEnum.AGENT)
                          .agent("restart")
                          .version(1)))
              .limits(new LimitsSpec().maxSteps(40).maxTokens(1_000_000).timeoutSeconds(600)));
      List<String> runIds = new ArrayList<>();
      for (int i = 0; i < RUNS; i++) {
        runIds.add(api.startRun("restart", "restart run " + i));
      }
      List<String> roots = new ArrayList<>();
      for (int i = 0; i < TREES; i++) {
        roots.add(api.startRun("restart-root", "restart tree " + i));
      }
      Thread.sleep(2500);
      long unfinished =
          runIds.stream()
              .filter(id -> !"succeeded".equals(api.run(id).getStatus().getValue()))
              .count();
      assertThat(unfinished).as("runs still in flight when the stack goes down").isPositive();

      // The applications crash (SIGKILL); the servers under them are stopped.
      Instant down = Instant.now();
      system.stack.killWorker();
      system.stack.killApi();
      system.stopEverything();
      system.startEverything();
      assertDurableCommits(system);

      for (String runId : runIds) {
        RunChecks.succeededExactlyOnce(api, runId, 3, 2);
      }
      List<String> treeRuns = new ArrayList<>();
      for (String root : roots) {
        treeRuns.addAll(treeFinishedOnce(api, root));
      }
      assertThat(api.runIds())
          .as("no run lost or created twice")
          .hasSize(RUNS + TREES * 3)
          .containsAll(treeRuns);
      List<String> everyRun = new ArrayList<>(runIds);
      everyRun.addAll(treeRuns);
      RunChecks.noCompletedModelStepCalledAgain(api, everyRun, system.model);
      RecoveryTimes.print(
          "full stack restart",
          "all runs ended after the kill (stop and start included)",
          RecoveryTimes.lastRunEnded(api, runIds, down));
    }
  }

  /**
   * The root succeeded once after its 3 model steps, having started exactly its 2 children, one per
   * call, each of which succeeded once; answers the tree's run ids.
   */
  private static List<String> treeFinishedOnce(E2ETenant api, String rootId) {
    assertThat(api.awaitEnd(rootId, Duration.ofMinutes(4)).getStatus().getValue())
        .as("root %s", rootId)
        .isEqualTo("succeeded");
    List<String> types = api.eventTypes(rootId);
    assertThat(types).filteredOn("run.succeeded"::equals).hasSize(1);
    assertThat(types).filteredOn("model.call.completed"::equals).hasSize(3);
    assertThat(types).filteredOn("child.run.started"::equals).hasSize(2);
    assertThat(types).filteredOn("tool.call.completed"::equals).hasSize(2);
    RunTreeResponse tree =
        E2ETenant.call(() -> api.client().runs().getRunTree(UUID.fromString(rootId)));
    assertThat(tree.getRuns()).as("root %s and its two children, no more", rootId).hasSize(3);
    List<String> ids = tree.getRuns().stream().map(n -> n.getId().toString()).toList();
    for (String child : ids.subList(1, ids.size())) {
      RunChecks.succeededExactlyOnce(api, child, 3, 2);
    }
    return ids;
  }

  /** What a stop does not lose is only proven with commits that reach the disk. */
  private static void assertDurableCommits(SystemStack system) {
    assertThat(system.postgresSetting("fsync")).isEqualTo("on");
    assertThat(system.postgresSetting("synchronous_commit")).isEqualTo("on");
  }
}
