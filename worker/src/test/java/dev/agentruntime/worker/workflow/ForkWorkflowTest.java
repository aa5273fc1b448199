package dev.agentruntime.worker.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.agentruntime.core.activity.RunObjectKeys;
import dev.agentruntime.core.approval.ApprovalDecision;
import dev.agentruntime.core.run.RunEventKeys;
import dev.agentruntime.core.run.RunEventTypes;
import dev.agentruntime.core.run.RunStatus;
import dev.agentruntime.core.run.event.ApprovalCarried;
import dev.agentruntime.core.run.event.StepReused;
import dev.agentruntime.core.spec.LimitsSpec;
import dev.agentruntime.core.workflow.AgentRunWorkflow;
import dev.agentruntime.core.workflow.RunOutcome;
import dev.agentruntime.core.workflow.RunWorkflowInput;
import dev.agentruntime.worker.TestInfrastructure.ApprovalRow;
import dev.agentruntime.worker.TestInfrastructure.Event;
import dev.agentruntime.worker.TestInfrastructure.TreeRow;
import dev.agentruntime.worker.TestSpecs;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Forks on the real workflow and activities, Temporal's test server, PostgreSQL and S3: the steps
 * before the fork point are taken from the source as recorded (no model call, no tool effect), the
 * rest run live, and an approval of the reused steps is carried only to byte-identical arguments.
 */
class ForkWorkflowTest extends WholeRunTest {

  private static final String INPUT = "{\"message\": \"Deploy the release\"}";

  private static HttpServer site;
  private static final AtomicInteger deploys = new AtomicInteger();

  @BeforeAll
  static void startSite() throws Exception {
    site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
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
  void aForkFromStep3OfA5StepRunCallsTheModelOnlyForSteps3To5AndRepeatsNoToolEffect()
      throws Exception {
    String origin = "http://127.0.0.1:" + site.getAddress().getPort();
    model.toolRounds(4).toolArguments("{\"method\":\"POST\",\"url\":\"" + origin + "/deploy\"}");
    RunWorkflowInput source =
        infra.seedRun(TestSpecs.fetching(model.baseUrl(), List.of(origin)), INPUT);
    assertThat(harness.run(source).steps()).isEqualTo(5);
    int calls = model.calls().size();
    int effects = deploys.get();

    RunWorkflowInput fork = infra.seedFork(source, 3, INPUT);
    RunOutcome outcome = harness.run(fork);

    assertThat(outcome.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(outcome.steps()).isEqualTo(5);
    assertThat(outcome.totalTokens()).as("only the live steps' tokens").isEqualTo(3 * 15);
    assertThat(model.calls().size() - calls).as("model calls of steps 3 to 5").isEqualTo(3);
    // Step 3 is asked with the reused conversation: instructions, input, two answers and results.
    assertThat(model.calls().get(calls).request().path("messages").size()).isEqualTo(6);
    assertThat(deploys.get() - effects)
        .as("the live steps 3 and 4 deploy, 1 and 2 do not")
        .isEqualTo(2);
    List<Event> events = infra.events(fork);
    assertThat(events.stream().map(Event::key))
        .containsSubsequence(
            RunEventKeys.QUEUED,
            RunEventKeys.STARTED,
            RunEventKeys.stepReused(1),
            RunEventKeys.stepReused(2),
            RunEventKeys.modelStep(3),
            RunEventKeys.toolCall(3, 0),
            RunEventKeys.modelStep(4),
            RunEventKeys.toolCall(4, 0),
            RunEventKeys.modelStep(5))
        .doesNotContain(RunEventKeys.modelStep(1), RunEventKeys.toolCall(1, 0));
    StepReused first = (StepReused) only(events, RunEventKeys.stepReused(1)).record();
    assertThat(first.sourceRunId()).isEqualTo(source.runId());
    assertThat(first.decider()).isEqualTo("model");
    assertThat(first.tokens()).isEqualTo(15);
    assertThat(first.toolCalls()).singleElement().satisfies(c -> assertThat(c.failed()).isFalse());
    // The reused result is the fork's own copy, as the source recorded it.
    assertThat(infra.objects.getText(RunObjectKeys.toolResult(fork.tenantId(), fork.runId(), 2, 0)))
        .isEqualTo(
            infra.objects.getText(
                RunObjectKeys.toolResult(source.tenantId(), source.runId(), 2, 0)));
    assertThat(infra.runRow(fork).get("steps")).isEqualTo(5);
    harness.recordHistory(fork, "agent-run-fork-v1.json");
  }

  @Test
  void aCallWithByteIdenticalArgumentsRunsUnderTheReusedApprovalAndOtherArgumentsAreAskedAgain()
      throws Exception {
    String approvedArguments = "{\"name\":\"report.txt\",\"content\":\"q3\"}";
    model.toolRounds(2).toolArguments(approvedArguments);
    RunWorkflowInput source =
        infra.seedRun(TestSpecs.gated(model.baseUrl(), new LimitsSpec(null, null, 60), 600), INPUT);
    AgentRunWorkflow running = harness.start(source);
    approve(source, running, 1);
    approve(source, running, 2);
    assertThat(harness.outcome(source, Duration.ofSeconds(30)).status())
        .isEqualTo(RunStatus.SUCCEEDED);
    String stepOneApproval = infra.approvals(source).get(0).id();

    // Step 2 asks again for the call step 1 had approved: it runs under that approval.
    RunWorkflowInput same = infra.seedFork(source, 2, INPUT);
    RunOutcome carried = harness.run(same);

    assertThat(carried.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(infra.approvals(same)).as("nobody was asked").isEmpty();
    ApprovalCarried event =
        (ApprovalCarried) only(infra.events(same), RunEventKeys.approvalCarried(2, 0)).record();
    assertThat(event.approvalId()).isEqualTo(stepOneApproval);
    assertThat(event.sourceRunId()).isEqualTo(source.runId());
    assertThat(event.decidedBy()).isEqualTo("carol");
    assertThat(infra.events(same).stream().map(Event::type))
        .contains(RunEventTypes.TOOL_CALL_COMPLETED)
        .doesNotContain(RunEventTypes.APPROVAL_REQUESTED);

    // The same call with other bytes (a space) is not the approved one: a person is asked.
    model.toolArguments("{\"name\": \"report.txt\",\"content\":\"q3\"}");
    RunWorkflowInput other = infra.seedFork(source, 2, INPUT);
    AgentRunWorkflow asking = harness.start(other);
    approve(other, asking, 1);
    assertThat(harness.outcome(other, Duration.ofSeconds(30)).status())
        .isEqualTo(RunStatus.SUCCEEDED);
    assertThat(infra.events(other).stream().map(Event::type))
        .contains(RunEventTypes.APPROVAL_REQUESTED)
        .doesNotContain(RunEventTypes.APPROVAL_CARRIED);
  }

  @Test
  void aForkWhoseSourceStepsAreGoneFailsWithTheReasonAndCallsNoModel() throws Exception {
    model.toolRounds(2);
    RunWorkflowInput source = infra.seedRun(TestSpecs.openAi(model.baseUrl()), INPUT);
    assertThat(harness.run(source).status()).isEqualTo(RunStatus.SUCCEEDED);
    infra.objects.deleteUnder(RunObjectKeys.runPrefix(source.tenantId(), source.runId()));
    int calls = model.calls().size();

    RunOutcome outcome = harness.run(infra.seedFork(source, 3, INPUT));

    assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
    assertThat(outcome.reason())
        .startsWith("run could not start: the steps of its source could not be reused:")
        .contains("is gone");
    assertThat(model.calls().size()).isEqualTo(calls);
  }

  @Test
  void aForkReusesTheChildOfAReusedStepAndStartsItsOwnChildrenFromTheForkPointOn()
      throws Exception {
    model.toolRounds(1);
    RunWorkflowInput source =
        infra.seedRun(
            TestSpecs.withTools(
                model.baseUrl(),
                new LimitsSpec(10, 10_000, 60),
                TestSpecs.subAgent("ask_researcher", "researcher")),
            INPUT);
    infra.seedAgent(
        source, "researcher", TestSpecs.withTools(model.baseUrl(), new LimitsSpec(3, 1_000, 60)));
    RunOutcome ran = harness.run(source);
    assertThat(ran.status()).as(ran.reason()).isEqualTo(RunStatus.SUCCEEDED);
    List<TreeRow> sourceChildren = infra.descendants(source);
    assertThat(sourceChildren).as("step 1 asked the researcher").hasSize(1);
    int calls = model.calls().size();

    // From step 2: step 1 and its child's answer are reused; no child is started again.
    RunWorkflowInput fromTwo = infra.seedFork(source, 2, INPUT);
    RunOutcome reused = harness.run(fromTwo);

    assertThat(reused.status()).as(reused.reason()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(infra.descendants(fromTwo)).as("the reused child stays the source's").isEmpty();
    assertThat(model.calls().size() - calls).as("only step 2's model call").isEqualTo(1);
    StepReused step1 =
        (StepReused) only(infra.events(fromTwo), RunEventKeys.stepReused(1)).record();
    assertThat(step1.toolCalls())
        .singleElement()
        .satisfies(c -> assertThat(c.childRunId()).isEqualTo(sourceChildren.get(0).id()));
    assertThat(infra.descendants(source)).as("the source's tree is untouched").hasSize(1);

    // From step 1: nothing is reused, so the call runs again as the fork's own child.
    RunWorkflowInput fromOne = infra.seedFork(source, 1, INPUT);
    RunOutcome fresh = harness.run(fromOne);

    assertThat(fresh.status()).as(fresh.reason()).isEqualTo(RunStatus.SUCCEEDED);
    List<TreeRow> ownChildren = infra.descendants(fromOne);
    assertThat(ownChildren).hasSize(1);
    assertThat(ownChildren.get(0).id()).isNotEqualTo(sourceChildren.get(0).id());
    assertThat(ownChildren.get(0).rootRunId()).isEqualTo(fromOne.runId());
    assertThat(ownChildren.get(0).status()).isEqualTo("succeeded");
  }

  /** Approves the {@code number}th approval the run asks for, once it is pending. */
  private static void approve(RunWorkflowInput run, AgentRunWorkflow workflow, int number)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (infra.approvals(run).size() < number
        || !infra.approvals(run).get(number - 1).status().equals("pending")) {
      assertThat(System.nanoTime()).as("approval %d within 20 s", number).isLessThan(deadline);
      Thread.sleep(50);
    }
    ApprovalRow pending = infra.approvals(run).get(number - 1);
    workflow.decide(
        new ApprovalDecision(
            pending.id(), ApprovalDecision.APPROVE, pending.argumentsSha256(), "carol", null));
  }

  private static Event only(List<Event> events, String key) {
    List<Event> matching = events.stream().filter(e -> e.key().equals(key)).toList();
    assertThat(matching).as(key).hasSize(1);
    return matching.get(0);
  }
}
