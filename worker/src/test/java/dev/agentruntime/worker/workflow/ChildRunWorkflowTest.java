package dev.agentruntime.worker.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.core.run.RunEventTypes;
import dev.agentruntime.core.run.RunStatus;
import dev.agentruntime.core.spec.LimitsSpec;
import dev.agentruntime.core.spec.ToolKind;
import dev.agentruntime.core.spec.ToolSpec;
import dev.agentruntime.core.workflow.AgentRunWorkflow;
import dev.agentruntime.core.workflow.RunControl;
import dev.agentruntime.core.workflow.RunOutcome;
import dev.agentruntime.core.workflow.RunWorkflowInput;
import dev.agentruntime.core.workflow.RunWorkflows;
import dev.agentruntime.testkit.FakeOpenAiServer;
import dev.agentruntime.worker.RunHarness;
import dev.agentruntime.worker.TestInfrastructure.Event;
import dev.agentruntime.worker.TestInfrastructure.TreeRow;
import dev.agentruntime.worker.TestSpecs;
import io.temporal.common.SearchAttributes;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Agents that call agents: a tool of kind agent runs another agent of the tenant as a child run, on
 * the real workflow and activities, Temporal's test server, PostgreSQL, S3 and the real LangChain4j
 * client (every agent of a tree talks to the same fake model).
 */
class ChildRunWorkflowTest extends WholeRunTest {

  private static final String INPUT = "{\"message\": \"Research the market\"}";

  /** A child's own limits: what its parent reserves for it. */
  private static final LimitsSpec CHILD = new LimitsSpec(3, 1_000, 60);

  @Test
  void threeCallsInOneAnswerRunAsThreeOverlappingChildrenAndAnswerInTheOrderAsked()
      throws Exception {
    model.parallelToolCalls(3).latency(Duration.ofMillis(400));
    RunWorkflowInput root = tree(new LimitsSpec(20, 10_000, 60), CHILD);

    RunOutcome outcome = harness.run(root);

    assertThat(outcome.status()).as(outcome.reason()).isEqualTo(RunStatus.SUCCEEDED);
    List<TreeRow> children = infra.descendants(root);
    assertThat(children).hasSize(3);
    for (TreeRow child : children) {
      assertThat(child.parentRunId()).isEqualTo(root.runId());
      assertThat(child.rootRunId()).isEqualTo(root.runId());
      assertThat(child.depth()).isEqualTo(1);
      assertThat(child.origin()).isEqualTo("parent");
      assertThat(child.status()).isEqualTo("succeeded");
      assertThat(child.maxTokens()).isEqualTo(1_000);
      assertThat(child.workflowId()).startsWith(RunHarness.workflowId(root) + "/researcher:v1:");
    }
    // Fan-out: every child started before any of them ended.
    assertThat(
            children.stream()
                .map(TreeRow::startedAt)
                .max(java.util.Comparator.naturalOrder())
                .orElseThrow())
        .isBefore(
            children.stream()
                .map(TreeRow::finishedAt)
                .min(java.util.Comparator.naturalOrder())
                .orElseThrow());
    // Fan-in: the parent's next model call read the three answers in the order it asked.
    FakeOpenAiServer.Call last = model.calls().get(model.calls().size() - 1);
    List<String> toolResults =
        last.request().path("messages").findValues("content").stream()
            .map(c -> c.asText())
            .filter(text -> text.startsWith("Done:"))
            .toList();
    assertThat(toolResults).hasSize(3);
    for (int i = 0; i < 3; i++) {
      assertThat(toolResults.get(i)).contains("#" + (i + 1));
    }
    // The tree's figures: the root's own two model calls and its children's (one each).
    assertThat(outcome.steps()).isEqualTo(2);
    assertThat(outcome.treeSteps()).isEqualTo(2 + 3);
    assertThat(outcome.treeTokens()).isEqualTo(15L * (2 + 3));
    List<String> types = infra.events(root).stream().map(Event::type).toList();
    assertThat(types).filteredOn(RunEventTypes.CHILD_RUN_STARTED::equals).hasSize(3);
    assertThat(types).filteredOn(RunEventTypes.TOOL_CALL_COMPLETED::equals).hasSize(3);
    harness.recordHistory(root, "agent-run-children-v1.json");
  }

  @Test
  void aChildThatWouldTakeTheTreeOverTheRootsTokenLimitIsNotStarted() throws Exception {
    model.parallelToolCalls(2);
    // The root may spend 1,500 tokens: 15 on its first call, 1,000 reserved for the first child,
    // and the second child's 1,000 would not fit.
    RunWorkflowInput root = tree(new LimitsSpec(20, 1_500, 60), CHILD);

    RunOutcome outcome = harness.run(root);

    assertThat(outcome.status()).as(outcome.reason()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(infra.descendants(root)).hasSize(1);
    Event refused = only(infra.events(root), RunEventTypes.TOOL_CALL_FAILED);
    assertThat(refused.payload())
        .contains("may use up to 1000 tokens", "485 left", "limits.maxTokens", "not started");
    assertThat(outcome.treeTokensOrOwn()).isLessThanOrEqualTo(1_500);
  }

  @Test
  void cancellingTheRootCancelsAGrandchildWaitingForApprovalBeforeTheRootEnds() throws Exception {
    RunWorkflowInput root =
        infra.seedRun(
            TestSpecs.withTools(
                model.baseUrl(),
                new LimitsSpec(30, 10_000, 120),
                TestSpecs.subAgent("ask_middle", "middle")),
            INPUT);
    infra.seedAgent(
        root,
        "middle",
        TestSpecs.withTools(
            model.baseUrl(),
            new LimitsSpec(10, 5_000, 120),
            TestSpecs.subAgent("ask_leaf", "leaf")));
    infra.seedAgent(
        root,
        "leaf",
        TestSpecs.withTools(
            model.baseUrl(),
            CHILD,
            new ToolSpec(
                TestSpecs.TOOL, ToolKind.WRITE_ARTIFACT, "Saves a file", true, List.of(), 600)));
    AgentRunWorkflow workflow = harness.start(root);
    awaitTrue(
        () ->
            infra.descendants(root).size() == 2
                && !infra
                    .approvalStatuses(root.tenantId(), infra.descendants(root).get(1).id())
                    .isEmpty());
    TreeRow leaf = infra.descendants(root).get(1);
    assertThat(leaf.depth()).isEqualTo(2);
    // The root's timeline shows what its tree waits for (announced right after the approval).
    awaitTrue(
        () ->
            infra.events(root).stream()
                .anyMatch(e -> e.type().equals(RunEventTypes.TREE_APPROVAL_REQUESTED)));
    assertThat(only(infra.events(root), RunEventTypes.TREE_APPROVAL_REQUESTED).payload())
        .contains(leaf.id().toString());

    workflow.cancel(new RunControl("alice", "wrong question"));
    RunOutcome outcome = harness.outcome(root, Duration.ofSeconds(30));

    assertThat(outcome.status()).isEqualTo(RunStatus.CANCELLED);
    List<TreeRow> tree = infra.descendants(root);
    assertThat(tree).extracting(TreeRow::status).containsExactly("cancelled", "cancelled");
    assertThat(tree.get(1).statusReason()).contains("alice", "wrong question");
    assertThat(infra.approvalStatuses(root.tenantId(), leaf.id())).containsExactly("cancelled");
    assertThat(infra.artifactRow(root, "notes-1.txt")).isEmpty();
    java.time.Instant rootFinished =
        ((java.sql.Timestamp) infra.runRow(root).get("finished_at")).toInstant();
    for (TreeRow run : tree) {
      assertThat(run.finishedAt().toInstant()).isBeforeOrEqualTo(rootFinished);
    }
    harness.recordHistory(root, "agent-run-tree-cancelled-v1.json");
  }

  @Test
  void aPauseOfTheRootHoldsItsChildAtAStepBoundaryAndAResumeLetsTheTreeFinish() throws Exception {
    model.latency(Duration.ofMillis(1_500));
    RunWorkflowInput root =
        infra.seedRun(
            TestSpecs.withTools(
                model.baseUrl(),
                new LimitsSpec(20, 10_000, 120),
                TestSpecs.subAgent("ask_researcher", "researcher")),
            INPUT);
    infra.seedAgent(root, "researcher", TestSpecs.openAi(model.baseUrl(), CHILD));
    AgentRunWorkflow workflow = harness.start(root);
    awaitTrue(
        () ->
            infra.descendants(root).size() == 1
                && "running".equals(infra.descendants(root).get(0).status()));

    workflow.pause(new RunControl("bob", "lunch"));

    awaitTrue(() -> "paused".equals(infra.descendants(root).get(0).status()));
    UUID child = infra.descendants(root).get(0).id();
    // The status is set just before the event is appended, in its own statement.
    awaitTrue(
        () ->
            infra.eventsOf(root.tenantId(), child).stream()
                .anyMatch(e -> e.type().equals(RunEventTypes.RUN_PAUSED)));
    Event paused = only(infra.eventsOf(root.tenantId(), child), RunEventTypes.RUN_PAUSED);
    assertThat(paused.payload()).contains("bob", "run " + root.runId() + " paused: lunch");
    workflow.resume(new RunControl("bob", null));
    RunOutcome outcome = harness.outcome(root, Duration.ofSeconds(60));

    assertThat(outcome.status()).as(outcome.reason()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(infra.descendants(root).get(0).status()).isEqualTo("succeeded");
    assertThat(infra.eventsOf(root.tenantId(), child))
        .extracting(Event::type)
        .containsSubsequence(RunEventTypes.RUN_PAUSED, RunEventTypes.RUN_RESUMED);
  }

  @Test
  void aRunAtTheRootsDepthLimitCannotStartChildren() throws Exception {
    RunWorkflowInput root =
        infra.seedRun(
            TestSpecs.withTools(
                model.baseUrl(),
                new LimitsSpec(30, 10_000, 60, 1, null),
                TestSpecs.subAgent("ask_middle", "middle")),
            INPUT);
    infra.seedAgent(
        root,
        "middle",
        TestSpecs.withTools(
            model.baseUrl(),
            new LimitsSpec(10, 5_000, 60),
            TestSpecs.subAgent("ask_leaf", "leaf")));
    infra.seedAgent(root, "leaf", TestSpecs.withTools(model.baseUrl(), CHILD));

    RunOutcome outcome = harness.run(root);

    assertThat(outcome.status()).as(outcome.reason()).isEqualTo(RunStatus.SUCCEEDED);
    List<TreeRow> tree = infra.descendants(root);
    assertThat(tree).hasSize(1);
    assertThat(tree.get(0).status()).isEqualTo("succeeded");
  }

  @Test
  void aCallOfAnAgentTheTenantDoesNotHaveIsAToolErrorNotAFailedRun() throws Exception {
    RunWorkflowInput root =
        infra.seedRun(
            TestSpecs.withTools(
                model.baseUrl(),
                new LimitsSpec(20, 10_000, 60),
                TestSpecs.subAgent("ask_researcher", "researcher")),
            INPUT);
    // Another tenant has an agent of the name the spec asks for; this tenant does not.
    RunWorkflowInput other = infra.seedRun(TestSpecs.openAi(model.baseUrl()), INPUT);
    infra.seedAgent(other, "researcher", TestSpecs.withTools(model.baseUrl(), CHILD));

    RunOutcome outcome = harness.run(root);

    assertThat(outcome.status()).as(outcome.reason()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(infra.descendants(root)).isEmpty();
    assertThat(only(infra.events(root), RunEventTypes.TOOL_CALL_FAILED).payload())
        .contains("agent 'researcher' has no version 1 in this tenant");
  }

  @Test
  void aRootWithoutSearchAttributesStartsItsChildWithoutThemOnANamespaceThatLacksThem()
      throws Exception {
    harness.close();
    harness = RunHarness.withoutRunSearchAttributes(infra);
    RunWorkflowInput root = tree(new LimitsSpec(20, 10_000, 60), CHILD);

    RunOutcome outcome = harness.run(root);

    assertThat(outcome.status()).as(outcome.reason()).isEqualTo(RunStatus.SUCCEEDED);
    TreeRow child = infra.descendants(root).get(0);
    assertThat(child.status()).isEqualTo("succeeded");
    assertThat(searchAttributes(child).containsKey(RunWorkflows.TENANT)).isFalse();
  }

  @Test
  void aRootWithSearchAttributesPassesThemToItsChild() throws Exception {
    RunWorkflowInput root = tree(new LimitsSpec(20, 10_000, 60), CHILD);

    harness.startWithSearchAttributes(root);
    RunOutcome outcome = harness.outcome(root, Duration.ofSeconds(60));

    assertThat(outcome.status()).as(outcome.reason()).isEqualTo(RunStatus.SUCCEEDED);
    SearchAttributes child = searchAttributes(infra.descendants(root).get(0));
    assertThat(child.get(RunWorkflows.TENANT)).isEqualTo(root.tenantId());
    assertThat(child.get(RunWorkflows.AGENT)).isEqualTo("researcher");
  }

  private SearchAttributes searchAttributes(TreeRow run) {
    return harness
        .client()
        .newUntypedWorkflowStub(run.workflowId())
        .describe()
        .getTypedSearchAttributes();
  }

  /** A root whose one tool runs the tenant's agent "researcher", which has no tools. */
  private RunWorkflowInput tree(LimitsSpec rootLimits, LimitsSpec childLimits) {
    RunWorkflowInput root =
        infra.seedRun(
            TestSpecs.withTools(
                model.baseUrl(), rootLimits, TestSpecs.subAgent("ask_researcher", "researcher")),
            INPUT);
    infra.seedAgent(root, "researcher", TestSpecs.withTools(model.baseUrl(), childLimits));
    return root;
  }

  private static Event only(List<Event> events, String type) {
    List<Event> matching = events.stream().filter(e -> e.type().equals(type)).toList();
    assertThat(matching).hasSize(1);
    return matching.get(0);
  }

  private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within 30 s").isLessThan(deadline);
      Thread.sleep(50);
    }
  }
}
