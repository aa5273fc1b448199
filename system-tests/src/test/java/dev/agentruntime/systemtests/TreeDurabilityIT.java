package dev.agentruntime.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentruntime.client.model.ApprovalResponse;
import dev.agentruntime.client.model.ArtifactResponse;
import dev.agentruntime.client.model.DecideApprovalRequest;
import dev.agentruntime.client.model.LimitsSpec;
import dev.agentruntime.client.model.RunResponse;
import dev.agentruntime.client.model.RunTreeNode;
import dev.agentruntime.client.model.RunTreeResponse;
import dev.agentruntime.client.model.ToolSpec;
import dev.agentruntime.standalone.Stack;
import dev.agentruntime.testkit.FakeOpenAiServer;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A tree of runs survives its worker's kill -9: with one child waiting for a person's approval and
 * another in the middle of a model call, every run of the tree finishes exactly once on a new
 * worker, no child is started twice and no tool effect repeats. On the packaged API and worker over
 * a real Temporal server.
 */
@ExtendWith(E2EStack.class)
class TreeDurabilityIT {

  @Test
  void everyRunOfATreeFinishesOnceAfterKillNineWithChildrenInFlight() throws Exception {
    Stack stack = E2EStack.stack();
    E2ETenant api = E2ETenant.newTenant(stack);
    FakeOpenAiServer model = E2EStack.model();
    String base = model.baseUrl();
    api.createAgent("gated-leaf", E2ETenant.notesSpec(base, true));
    api.createAgent("busy-leaf", E2ETenant.notesSpec(base, false));
    api.createAgent(
        "root",
        E2ETenant.notesSpec(base, false)
            .tools(
                List.of(
                    new ToolSpec()
                        .name("ask_gated")
                        .kind(ToolSpec.KindEnum.AGENT)
                        .agent("gated-leaf")
                        .version(1),
                    new ToolSpec()
                        .name("ask_busy")
                        .kind(ToolSpec.KindEnum.AGENT)
                        .agent("busy-leaf")
                        .version(1)))
            .limits(new LimitsSpec().maxSteps(40).maxTokens(1_000_000).timeoutSeconds(600)));
    // The root's answer calls both sub-agents (call #1 the gated one, call #2 the busy one); each
    // leaf saves two notes; the busy leaf's model calls are held while the worker dies.
    model.parallelToolCalls(2).holdCallsContaining("#2");
    try {
      String rootId = api.startRun("root", "tree");
      UUID root = UUID.fromString(rootId);
      assertThat(model.awaitHeld(Duration.ofSeconds(60))).as("busy leaf in a model call").isTrue();
      await().atMost(Duration.ofSeconds(60)).until(() -> pending(api, root).size() == 2);

      long killed = stack.worker().pid();
      stack.killWorker();
      model.release();
      stack.startNewWorker();
      assertThat(stack.worker().pid()).isNotEqualTo(killed);
      for (ApprovalResponse approval : pending(api, root)) {
        E2ETenant.call(
            () ->
                api.client()
                    .approvals()
                    .decideApproval(
                        UUID.fromString(approval.getId()),
                        approval.getRunId(),
                        new DecideApprovalRequest()
                            .decision(DecideApprovalRequest.DecisionEnum.APPROVE)
                            .argumentsSha256(approval.getArgumentsSha256())));
      }

      RunResponse ended = api.awaitEnd(rootId, Duration.ofSeconds(120));
      assertThat(ended.getStatus().getValue()).isEqualTo("succeeded");
      RunTreeResponse tree = E2ETenant.call(() -> api.client().runs().getRunTree(root));
      List<RunTreeNode> children =
          tree.getRuns().stream().filter(n -> root.equals(n.getParentRunId())).toList();
      assertThat(children)
          .extracting(RunTreeNode::getAgentName)
          .containsExactlyInAnyOrder("gated-leaf", "busy-leaf");
      assertThat(tree.getRuns()).hasSize(3);
      for (RunTreeNode child : children) {
        String id = child.getId().toString();
        assertThat(child.getStatus().getValue()).isEqualTo("succeeded");
        List<String> types = api.eventTypes(id);
        assertThat(types).filteredOn("tool.call.completed"::equals).hasSize(2);
        assertThat(types).filteredOn("run.succeeded"::equals).hasSize(1);
        assertThat(api.artifacts(id))
            .extracting(ArtifactResponse::getName)
            .containsExactlyInAnyOrder("output", "notes-1.txt");
      }
      List<String> rootTypes = api.eventTypes(rootId);
      assertThat(rootTypes).filteredOn("child.run.started"::equals).hasSize(2);
      assertThat(rootTypes).filteredOn("tool.call.completed"::equals).hasSize(2);
      assertThat(rootTypes).filteredOn("tree.approval.requested"::equals).hasSize(2);
      assertThat(rootTypes).filteredOn("run.succeeded"::equals).hasSize(1);
    } finally {
      model.release();
      model.parallelToolCalls(1).holdCallsContaining("\u0000never");
    }
  }

  /** The pending approvals of the root's tree, each naming its run. */
  private static List<ApprovalResponse> pending(E2ETenant api, UUID root) {
    return E2ETenant.call(() -> api.client().approvals().listApprovals(root)).stream()
        .filter(a -> a.getStatus() == ApprovalResponse.StatusEnum.PENDING)
        .toList();
  }
}
