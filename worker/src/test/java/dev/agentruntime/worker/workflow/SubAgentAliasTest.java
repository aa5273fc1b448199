package dev.agentruntime.worker.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.core.run.RunEventTypes;
import dev.agentruntime.core.run.RunStatus;
import dev.agentruntime.core.run.event.ChildRunStarted;
import dev.agentruntime.core.spec.AgentSpec;
import dev.agentruntime.core.spec.AgentSpecJson;
import dev.agentruntime.core.spec.AgentSpecValidator;
import dev.agentruntime.core.spec.LimitsSpec;
import dev.agentruntime.core.workflow.RunOutcome;
import dev.agentruntime.core.workflow.RunWorkflowInput;
import dev.agentruntime.worker.AgentAliases;
import dev.agentruntime.worker.AgentAliases.ChildVersion;
import dev.agentruntime.worker.TestInfrastructure.Event;
import dev.agentruntime.worker.TestSpecs;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Tools of kind agent and pipeline steps that name an alias instead of a version: each call
 * resolves the alias when it starts its child (the tree's root run is the routing key), and the
 * child records the alias and stays on the version it resolved to. On the real workflow and
 * activities, Temporal's test server, PostgreSQL (V28's resolve_alias), S3 and the fake model.
 */
class SubAgentAliasTest extends WholeRunTest {

  private static final String INPUT = "{\"message\": \"Research the market\"}";

  /** Version 1 of "researcher" reserves 3 steps, version 2 reserves 4: the child's row tells. */
  private static final LimitsSpec V1 = new LimitsSpec(3, 1_000, 60);

  private static final LimitsSpec V2 = new LimitsSpec(4, 1_000, 60);

  private final AgentAliases aliases = new AgentAliases(infra);

  @Test
  void aCallResolvesTheAliasWhenItStartsAndAMoveReachesOnlyLaterParents() throws Exception {
    RunWorkflowInput first = delegatingByAlias();
    aliases.point(first.tenantId(), "researcher", "prod", 2);

    RunOutcome outcome = harness.run(first);

    assertThat(outcome.status()).as(outcome.reason()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(aliases.children(first.tenantId(), first.runId()))
        .containsExactly(new ChildVersion(2, "prod", "tree " + first.runId(), 4));
    ChildRunStarted started =
        (ChildRunStarted) only(infra.events(first), RunEventTypes.CHILD_RUN_STARTED).record();
    assertThat(started.agentVersion()).isEqualTo(2);
    assertThat(started.alias()).isEqualTo("prod");
    assertThat(started.maxSteps()).isEqualTo(4);

    // The team moves prod back to version 1: the next parent's child takes it.
    aliases.point(first.tenantId(), "researcher", "prod", 1);
    RunWorkflowInput second = infra.seedRunOfSameVersion(first, INPUT);

    RunOutcome after = harness.run(second);

    assertThat(after.status()).as(after.reason()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(aliases.children(second.tenantId(), second.runId()))
        .containsExactly(new ChildVersion(1, "prod", "tree " + second.runId(), 3));
    // The first parent's child stays on the version it resolved to.
    assertThat(aliases.children(first.tenantId(), first.runId()))
        .extracting(ChildVersion::version)
        .containsExactly(2);
  }

  @Test
  void aCallOfADeletedAliasIsAToolErrorNotAFailedRun() throws Exception {
    RunWorkflowInput root = delegatingByAlias();
    // Published while prod existed; deleted since.
    aliases.point(root.tenantId(), "researcher", "prod", 1);
    aliases.delete(root.tenantId(), "researcher", "prod");

    RunOutcome outcome = harness.run(root);

    assertThat(outcome.status()).as(outcome.reason()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(infra.descendants(root)).isEmpty();
    assertThat(only(infra.events(root), RunEventTypes.TOOL_CALL_FAILED).payload())
        .contains("agent 'researcher' has no alias 'prod' in this tenant");
  }

  @Test
  void pipelineStepsResolveTheirAliasAndOneTreeStaysOnOneSideOfASplit() throws Exception {
    RunWorkflowInput run =
        pipeline(
            """
            {"steps": [
               {"name": "research", "agent": "researcher", "alias": "prod"},
               {"name": "again", "agent": "researcher", "alias": "prod",
                "input": {"message": {"$ref": "/steps/research/output"}}}],
             "output": {"$ref": "/steps/again/output"}}
            """);
    aliases.split(run.tenantId(), "researcher", "prod", 1, 2, 50);
    int side = bucket(agentId(run, "researcher"), "prod", "tree " + run.runId()) < 50 ? 2 : 1;

    RunOutcome outcome = harness.run(run);

    assertThat(outcome.status()).as(outcome.reason()).isEqualTo(RunStatus.SUCCEEDED);
    String key = "tree " + run.runId();
    int steps = side == 2 ? 4 : 3;
    assertThat(aliases.children(run.tenantId(), run.runId()))
        .containsExactly(
            new ChildVersion(side, "prod", key, steps), new ChildVersion(side, "prod", key, steps));
    assertThat(infra.events(run))
        .filteredOn(e -> e.type().equals(RunEventTypes.CHILD_RUN_STARTED))
        .extracting(e -> ((ChildRunStarted) e.record()).alias())
        .containsExactly("prod", "prod");
  }

  @Test
  void aPipelineStepOfADeletedAliasFailsTheStepWithoutAChildRun() throws Exception {
    RunWorkflowInput run =
        pipeline(
            """
            {"steps": [{"name": "research", "agent": "researcher", "alias": "prod"}],
             "output": {"$ref": "/steps/research/output"}}
            """);

    RunOutcome outcome = harness.run(run);

    assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
    assertThat(outcome.reason())
        .contains("step research failed", "agent 'researcher' has no alias 'prod'");
    assertThat(infra.descendants(run)).isEmpty();
  }

  /** A root whose one tool calls "researcher" by its alias "prod"; researcher has v1 and v2. */
  private RunWorkflowInput delegatingByAlias() {
    RunWorkflowInput root =
        infra.seedRun(
            TestSpecs.withTools(
                model.baseUrl(),
                new LimitsSpec(20, 10_000, 60),
                TestSpecs.subAgentByAlias("ask_researcher", "researcher", "prod")),
            INPUT);
    seedResearcher(root);
    return root;
  }

  /** A pipeline version of {@code pipeline} in a fresh tenant whose researcher has v1 and v2. */
  private RunWorkflowInput pipeline(String pipeline) throws Exception {
    AgentSpec spec =
        AgentSpecJson.read(
            "{\"runtime\": {\"type\": \"pipeline\"}, \"pipeline\": "
                + pipeline
                + ", \"limits\": {\"maxSteps\": 40, \"maxTokens\": 10000, \"timeoutSeconds\": 60},"
                + " \"retry\": {\"maxAttempts\": 5, \"initialIntervalMillis\": 100,"
                + " \"backoffCoefficient\": 1.0, \"maxIntervalMillis\": 100,"
                + " \"attemptTimeoutSeconds\": 10}}");
    assertThat(AgentSpecValidator.validate(spec)).isEmpty();
    RunWorkflowInput run = infra.seedRun(spec, "{\"message\": \"durable execution\"}");
    seedResearcher(run);
    return run;
  }

  private void seedResearcher(RunWorkflowInput run) {
    infra.seedAgent(run, "researcher", TestSpecs.withTools(model.baseUrl(), V1));
    aliases.seedVersion(run.tenantId(), "researcher", 2, TestSpecs.withTools(model.baseUrl(), V2));
  }

  private UUID agentId(RunWorkflowInput run, String name) {
    return aliases.agentId(run.tenantId(), name);
  }

  /** docs/api.md#aliases: sha256(agentId/alias/key), first four bytes unsigned, modulo 100. */
  private static long bucket(UUID agentId, String alias, String key) throws Exception {
    byte[] hash =
        MessageDigest.getInstance("SHA-256")
            .digest((agentId + "/" + alias + "/" + key).getBytes(StandardCharsets.UTF_8));
    long value =
        ((hash[0] & 0xffL) << 24)
            | ((hash[1] & 0xffL) << 16)
            | ((hash[2] & 0xffL) << 8)
            | (hash[3] & 0xffL);
    return value % 100;
  }

  private static Event only(List<Event> events, String type) {
    List<Event> matching = events.stream().filter(e -> e.type().equals(type)).toList();
    assertThat(matching).hasSize(1);
    return matching.get(0);
  }
}
