package dev.agentruntime.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentruntime.client.ApiException;
import dev.agentruntime.client.ApiResponse;
import dev.agentruntime.client.model.AgentSpec;
import dev.agentruntime.client.model.ComparedRun;
import dev.agentruntime.client.model.CreateRunRequest;
import dev.agentruntime.client.model.ForkRunRequest;
import dev.agentruntime.client.model.PublishVersionRequest;
import dev.agentruntime.client.model.ReplayRunRequest;
import dev.agentruntime.client.model.RunComparisonResponse;
import dev.agentruntime.client.model.RunLineageResponse;
import dev.agentruntime.client.model.RunResponse;
import dev.agentruntime.client.model.StepComparison;
import dev.agentruntime.client.model.StepToolCall;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Replay for evaluation end to end, on the Temporal dev server with the packaged API and worker and
 * the fake model: a run of version 1 (a tool round, then its answer), replayed on version 2 (no
 * tools, another model that answers otherwise) and on version 3 (no tools, the same answer), and
 * forked from its step 2; each compared with its source by what the runs really recorded.
 */
@ExtendWith(E2EStack.class)
class ReplayCompareIT {

  /** The model version 2 runs on; the fake answers it "Terse: ..." instead of "Done: ...". */
  private static final String TERSE_MODEL = "fake-gpt-terse";

  private static final Duration RUN_END = Duration.ofSeconds(90);

  private static E2ETenant api;
  private static UUID source;
  private static UUID onOtherModel;
  private static UUID sameAnswer;
  private static UUID forked;

  @BeforeAll
  static void runAndReplays() {
    E2EStack.model().answerPrefix(TERSE_MODEL, "Terse: ");
    api = E2ETenant.newTenant(E2EStack.stack());
    String agentId = api.createAgentOnOpenAi("evals", E2EStack.model().baseUrl(), 30);
    AgentSpec terse = E2ETenant.notesSpec(E2EStack.model().baseUrl(), false).tools(null);
    terse.getModel().name(TERSE_MODEL);
    publish(agentId, terse);
    publish(agentId, E2ETenant.notesSpec(E2EStack.model().baseUrl(), false).tools(null));

    ObjectNode input = JsonNodeFactory.instance.objectNode().put("message", "compare me");
    source =
        E2ETenant.call(
                () ->
                    api.client()
                        .runs()
                        .startRun(
                            new CreateRunRequest().agentName("evals").version(1).input(input),
                            null))
            .getId();
    api.awaitEnd(source.toString(), RUN_END);
    onOtherModel = replay(source, 2);
    sameAnswer = replay(source, 3);
    forked =
        E2ETenant.call(
                () -> api.client().runs().forkRun(source, new ForkRunRequest().fromStep(2), null))
            .getId();
    api.awaitEnd(onOtherModel.toString(), RUN_END);
    api.awaitEnd(sameAnswer.toString(), RUN_END);
    api.awaitEnd(forked.toString(), RUN_END);
  }

  @Test
  void aReplayOnAnotherVersionRunsTheSameInputAndComparesAsItRan() {
    RunResponse replay = api.run(onOtherModel.toString());
    assertThat(replay.getAgentVersion()).isEqualTo(2);
    assertThat(replay.getInput()).isEqualTo(api.run(source.toString()).getInput());
    assertThat(replay.getSource().getRunId()).isEqualTo(source);
    assertThat(replay.getSource().getKind().getValue()).isEqualTo("replay");

    RunComparisonResponse compared =
        E2ETenant.call(() -> api.client().runs().compareRuns(onOtherModel, source));
    ComparedRun a = compared.getA();
    ComparedRun b = compared.getB();
    assertThat(a.getRunId()).isEqualTo(source);
    assertThat(a.getStatus().getValue()).isEqualTo("succeeded");
    assertThat(b.getStatus().getValue()).isEqualTo("succeeded");
    assertThat(a.getOutput().getText()).isEqualTo("Done: compare me");
    assertThat(b.getOutput().getText()).isEqualTo("Terse: compare me");
    // Version 1: a tool round, then the answer; version 2: the answer at once. The fake counts 10
    // prompt and 5 answer tokens per call.
    assertThat(a.getSteps()).isEqualTo(2);
    assertThat(b.getSteps()).isEqualTo(1);
    assertThat(a.getTotalTokens()).isEqualTo(30);
    assertThat(b.getTotalTokens()).isEqualTo(15);
    assertThat(a.getUsage().getInputTokens()).isEqualTo(20);
    assertThat(a.getUsage().getOutputTokens()).isEqualTo(10);
    assertThat(b.getUsage().getCalls()).isEqualTo(1);
    assertThat(a.getDurationMillis()).isPositive();
    assertThat(b.getDurationMillis()).isPositive();

    var differences = compared.getDifferences();
    assertThat(differences.getSameAgent()).isTrue();
    assertThat(differences.getSameVersion()).isFalse();
    assertThat(differences.getSameInput()).isTrue();
    assertThat(differences.getOutputEqual()).isFalse();
    assertThat(differences.getOutputComparedBy().getValue()).isEqualTo("bytes");
    assertThat(differences.getSteps()).isEqualTo(-1);
    assertThat(differences.getTotalTokens()).isEqualTo(-15);
    assertThat(differences.getInputTokens()).isEqualTo(-10);
    assertThat(differences.getOutputTokens()).isEqualTo(-5);
    assertThat(differences.getDurationMillis())
        .isEqualTo(b.getDurationMillis() - a.getDurationMillis());
    assertThat(differences.getSettled()).isTrue();

    List<StepComparison> steps = compared.getSteps();
    assertThat(steps).extracting(StepComparison::getStep).containsExactly(1, 2);
    assertThat(steps.get(0).getA().getToolCalls())
        .extracting(StepToolCall::getTool)
        .containsExactly("write_artifact");
    assertThat(steps.get(0).getA().getToolCalls().get(0).getOutcome().getValue())
        .isEqualTo("completed");
    assertThat(steps.get(0).getA().getTokens()).isEqualTo(15);
    assertThat(steps.get(0).getB().getToolCalls()).isEmpty();
    assertThat(steps.get(0).getSameToolCalls()).isFalse();
    assertThat(steps.get(1).getA().getFinishReason()).isNotNull();
    assertThat(steps.get(1).getB()).isNull();
  }

  @Test
  void aReplayThatAnswersTheSameComparesEqual() {
    RunComparisonResponse compared =
        E2ETenant.call(() -> api.client().runs().compareRuns(sameAnswer, source));
    assertThat(compared.getB().getOutput().getText()).isEqualTo("Done: compare me");
    assertThat(compared.getDifferences().getOutputEqual()).isTrue();
    assertThat(compared.getDifferences().getSteps()).isEqualTo(-1);
  }

  @Test
  void aForkComparesWithItsSourceStepOneReusedAndTheSameAnswer() {
    RunComparisonResponse compared =
        E2ETenant.call(() -> api.client().runs().compareRuns(forked, source));
    assertThat(compared.getB().getSource().getKind().getValue()).isEqualTo("fork");
    assertThat(compared.getB().getSource().getForkStep()).isEqualTo(2);
    assertThat(compared.getDifferences().getOutputEqual()).isTrue();
    List<StepComparison> steps = compared.getSteps();
    assertThat(steps).extracting(StepComparison::getStep).containsExactly(1, 2);
    // Step 1 was taken from the source as recorded: its tool call, not run again.
    assertThat(steps.get(0).getA().getReused()).isFalse();
    assertThat(steps.get(0).getB().getReused()).isTrue();
    assertThat(steps.get(0).getB().getAttempts()).isZero();
    assertThat(steps.get(0).getSameToolCalls()).isTrue();
    assertThat(steps.get(1).getB().getReused()).isFalse();
    assertThat(steps.get(1).getB().getAnswered()).isTrue();
  }

  @Test
  void theSourcesLineageListsItsReplaysAndItsForkAndEachNamesItsSource() {
    RunLineageResponse lineage = E2ETenant.call(() -> api.client().runs().getRunLineage(source));
    assertThat(lineage.getAncestors()).isEmpty();
    assertThat(lineage.getDerived())
        .extracting(run -> run.getRunId())
        .containsExactly(onOtherModel, sameAnswer, forked);
    assertThat(lineage.getDerived())
        .extracting(run -> run.getAgentVersion())
        .containsExactly(2, 3, 1);
    assertThat(lineage.getDerived())
        .extracting(run -> run.getSource().getKind().getValue())
        .containsExactly("replay", "replay", "fork");
    RunLineageResponse up = E2ETenant.call(() -> api.client().runs().getRunLineage(sameAnswer));
    assertThat(up.getAncestors()).extracting(run -> run.getRunId()).containsExactly(source);
  }

  @Test
  void anotherTenantCanNeitherCompareNorReplayNorReadTheLineage() {
    E2ETenant other = E2ETenant.newTenant(E2EStack.stack());
    List<ApiException> refusals =
        List.of(
            E2ETenant.refusal(() -> other.client().runs().compareRuns(onOtherModel, source)),
            E2ETenant.refusal(() -> other.client().runs().getRunLineage(source)),
            E2ETenant.refusal(
                () ->
                    other
                        .client()
                        .runs()
                        .replayRun(source, new ReplayRunRequest().version(2), null)));
    assertThat(refusals).extracting(ApiException::getCode).containsOnly(404);
  }

  private static void publish(String agentId, AgentSpec spec) {
    E2ETenant.call(
        () ->
            api.client()
                .agents()
                .publishVersion(UUID.fromString(agentId), new PublishVersionRequest().spec(spec)));
  }

  private static UUID replay(UUID sourceRunId, int version) {
    ApiResponse<RunResponse> accepted =
        E2ETenant.call(
            () ->
                api.client()
                    .runs()
                    .replayRunWithHttpInfo(
                        sourceRunId, new ReplayRunRequest().version(version), null));
    assertThat(accepted.getStatusCode()).as("POST /v1/runs/{id}/replay").isEqualTo(202);
    return accepted.getData().getId();
  }
}
