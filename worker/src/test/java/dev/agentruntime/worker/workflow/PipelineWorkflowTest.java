package dev.agentruntime.worker.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentruntime.core.run.RunEventTypes;
import dev.agentruntime.core.run.RunStatus;
import dev.agentruntime.core.spec.AgentSpec;
import dev.agentruntime.core.spec.AgentSpecJson;
import dev.agentruntime.core.spec.AgentSpecValidator;
import dev.agentruntime.core.spec.LimitsSpec;
import dev.agentruntime.core.workflow.RunOutcome;
import dev.agentruntime.core.workflow.RunWorkflowInput;
import dev.agentruntime.worker.Json;
import dev.agentruntime.worker.TestInfrastructure.Event;
import dev.agentruntime.worker.TestInfrastructure.TreeRow;
import dev.agentruntime.worker.TestSpecs;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pipelines: a version whose runtime is {@code pipeline} runs its steps as child runs, stage after
 * stage, a parallel group's members at once; on the real workflow and activities, Temporal's test
 * server, PostgreSQL, S3 and the fake model behind the real LangChain4j client.
 */
class PipelineWorkflowTest extends WholeRunTest {

  private static final String INPUT = "{\"message\": \"durable execution\", \"depth\": 2}";

  /** Every agent a step runs: no tools, so it answers "Done: <its input>" at once. */
  private static final LimitsSpec STEP = new LimitsSpec(3, 1_000, 60);

  @Test
  void threeStagesWithAParallelGroupRunInOrderAndBuildTheOutputFromTheSteps() throws Exception {
    model.latency(Duration.ofMillis(400));
    RunWorkflowInput run =
        pipeline(
            """
            {"steps": [
               {"name": "research", "agent": "researcher", "version": 1},
               {"parallel": [
                  {"name": "draft", "agent": "writer", "version": 1,
                   "input": {"message": {"$ref": "/steps/research/output"}, "tone": "plain"}},
                  {"name": "check", "agent": "writer", "version": 1,
                   "input": {"message": {"$ref": "/steps/research/output"}, "depth": {"$ref": "/input/depth"}}}]},
               {"name": "edit", "agent": "editor", "version": 1,
                "input": {"message": {"$ref": "/steps/draft/output"}}}],
             "output": {"article": {"$ref": "/steps/edit/output"},
                        "checked": {"$ref": "/steps/check/status"}}}
            """,
            "researcher",
            "writer",
            "editor");

    RunOutcome outcome = harness.run(run);

    assertThat(outcome.status()).as(outcome.reason()).isEqualTo(RunStatus.SUCCEEDED);
    List<TreeRow> children = infra.descendants(run);
    assertThat(children).hasSize(4);
    assertThat(children).allSatisfy(child -> assertThat(child.status()).isEqualTo("succeeded"));
    TreeRow research = children.get(0);
    List<TreeRow> group = children.subList(1, 3);
    TreeRow edit = children.get(3);
    // Stages in order; the group's members at once.
    assertThat(group).allSatisfy(c -> assertThat(c.startedAt()).isAfter(research.finishedAt()));
    assertThat(group.stream().map(TreeRow::startedAt).max(Comparator.naturalOrder()).orElseThrow())
        .isBefore(
            group.stream().map(TreeRow::finishedAt).min(Comparator.naturalOrder()).orElseThrow());
    assertThat(edit.startedAt())
        .isAfter(
            group.stream().map(TreeRow::finishedAt).max(Comparator.naturalOrder()).orElseThrow());
    JsonNode output = Json.read(infra.outputText(run));
    assertThat(output.path("checked").asText()).isEqualTo("succeeded");
    // edit read draft's answer, which read research's, which read the pipeline's input (each
    // agent answers "Done: " and its input's message).
    assertThat(output.path("article").asText()).isEqualTo("Done: Done: Done: durable execution");
    List<String> types = infra.events(run).stream().map(Event::type).toList();
    assertThat(types).filteredOn(RunEventTypes.CHILD_RUN_STARTED::equals).hasSize(4);
    assertThat(types).filteredOn(RunEventTypes.PIPELINE_STEP_ENDED::equals).hasSize(4);
    assertThat(outcome.treeSteps()).isEqualTo(4);
    harness.recordHistory(run, "agent-run-pipeline-v1.json");
  }

  @Test
  void aRetriedStepStartsANewChildRunPerAttemptAndAContinuedFailureIsReadAsItsStatus()
      throws Exception {
    RunWorkflowInput run =
        pipeline(
            """
            {"steps": [
               {"name": "flaky", "agent": "spender", "version": 1,
                "onFailure": {"action": "retry", "maxAttempts": 2}}],
             "output": {"never": {"$ref": "/steps/flaky/output"}}}
            """);
    // Its one model call spends 15 tokens of the 1 it may: every attempt fails.
    infra.seedAgent(run, "spender", TestSpecs.withTools(model.baseUrl(), new LimitsSpec(3, 1, 60)));

    RunOutcome outcome = harness.run(run);

    assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
    assertThat(outcome.reason()).contains("step flaky failed", "token budget of 1 exceeded");
    assertThat(infra.descendants(run))
        .hasSize(2)
        .allSatisfy(c -> assertThat(c.status()).isEqualTo("failed"));
    assertThat(only(infra.events(run), RunEventTypes.PIPELINE_STEP_ENDED).payload())
        .contains("\"attempts\": 2", "\"status\": \"failed\"");

    RunWorkflowInput continued =
        pipeline(
            """
            {"steps": [
               {"name": "flaky", "agent": "spender", "version": 1,
                "onFailure": {"action": "continue"}},
               {"name": "after", "agent": "researcher", "version": 1,
                "input": {"message": {"$ref": "/steps/flaky/status"}}}],
             "output": {"flaky": {"$ref": "/steps/flaky/status"},
                        "after": {"$ref": "/steps/after/output"}}}
            """,
            "researcher");
    infra.seedAgent(
        continued, "spender", TestSpecs.withTools(model.baseUrl(), new LimitsSpec(3, 1, 60)));

    RunOutcome goesOn = harness.run(continued);

    assertThat(goesOn.status()).as(goesOn.reason()).isEqualTo(RunStatus.SUCCEEDED);
    JsonNode output = Json.read(infra.outputText(continued));
    assertThat(output.path("flaky").asText()).isEqualTo("failed");
    assertThat(output.path("after").asText()).contains("failed");
  }

  @Test
  void aStepWhoseInputSelectsNothingFailsWithoutAChildRunAndIsNotRetried() throws Exception {
    RunWorkflowInput run =
        pipeline(
            """
            {"steps": [
               {"name": "research", "agent": "researcher", "version": 1},
               {"name": "edit", "agent": "researcher", "version": 1,
                "input": {"message": {"$ref": "/steps/research/output/title"}},
                "onFailure": {"action": "retry", "maxAttempts": 3}}],
             "output": {"$ref": "/steps/edit/output"}}
            """,
            "researcher");

    RunOutcome outcome = harness.run(run);

    assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
    assertThat(outcome.reason())
        .contains("step edit failed", "/steps/research/output/title", "selects nothing");
    assertThat(infra.descendants(run)).hasSize(1);
  }

  @Test
  void anAnswerThatDoesNotHoldToTheStepAgentsOutputSchemaFailsTheAttempt() throws Exception {
    RunWorkflowInput run =
        pipeline(
            """
            {"steps": [
               {"name": "titled", "agent": "titler", "version": 1,
                "onFailure": {"action": "retry", "maxAttempts": 2}}],
             "output": {"$ref": "/steps/titled/output"}}
            """);
    AgentSpec plain = TestSpecs.withTools(model.baseUrl(), STEP);
    // It answers "Done: ..." (text), where its spec promises an object with a title.
    infra.seedAgent(
        run,
        "titler",
        new AgentSpec(
            plain.runtime(),
            plain.model(),
            plain.instructions(),
            plain.tools(),
            plain.limits(),
            plain.retry(),
            null,
            Json.read("{\"type\": \"object\", \"required\": [\"title\"]}")));

    RunOutcome outcome = harness.run(run);

    assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
    assertThat(outcome.reason())
        .contains("step titled failed", "does not hold to its agent's outputSchema", "/ (type)");
    assertThat(infra.descendants(run))
        .hasSize(2)
        .allSatisfy(c -> assertThat(c.status()).isEqualTo("succeeded"));
  }

  /** A pipeline version of {@code pipeline} in a fresh tenant with the named step agents. */
  private RunWorkflowInput pipeline(String pipeline, String... agents) throws Exception {
    AgentSpec spec =
        AgentSpecJson.read(
            "{\"runtime\": {\"type\": \"pipeline\"}, \"pipeline\": "
                + pipeline
                + ", \"limits\": {\"maxSteps\": 40, \"maxTokens\": 10000, \"timeoutSeconds\": 60},"
                + " \"retry\": {\"maxAttempts\": 5, \"initialIntervalMillis\": 100,"
                + " \"backoffCoefficient\": 1.0, \"maxIntervalMillis\": 100,"
                + " \"attemptTimeoutSeconds\": 10}}");
    assertThat(AgentSpecValidator.validate(spec)).isEmpty();
    RunWorkflowInput run = infra.seedRun(spec, INPUT);
    for (String agent : agents) {
      infra.seedAgent(run, agent, TestSpecs.withTools(model.baseUrl(), STEP));
    }
    return run;
  }

  private static Event only(List<Event> events, String type) {
    List<Event> matching = events.stream().filter(e -> e.type().equals(type)).toList();
    assertThat(matching).hasSize(1);
    return matching.get(0);
  }
}
