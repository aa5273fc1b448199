package dev.agentruntime.worker.activity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.core.run.QueuedRun;
import dev.agentruntime.core.run.RunAdmissions;
import dev.agentruntime.core.spec.LimitsSpec;
import dev.agentruntime.core.workflow.RunWorkflowInput;
import dev.agentruntime.worker.AgentAliases;
import dev.agentruntime.worker.AgentAliases.ChildVersion;
import dev.agentruntime.worker.TestInfrastructure;
import dev.agentruntime.worker.TestSpecs;
import org.junit.jupiter.api.Test;

/**
 * How {@link ChildRunStarter} resolves a sub-agent's alias and admits the child, on the real
 * schema: in particular a retried start after the alias moved, which must answer the child the
 * first attempt admitted, with the limits it was given then.
 */
class ChildRunStarterAliasTest {

  private static final LimitsSpec V1 = new LimitsSpec(3, 1_000, 60);
  private static final LimitsSpec V2 = new LimitsSpec(4, 2_000, 60);

  private final TestInfrastructure infra = TestInfrastructure.get();
  private final AgentAliases aliases = new AgentAliases(infra);
  private final ChildRunStarter starter =
      new ChildRunStarter(new RunAdmissions(infra.dataSource), infra.objects, infra.runs);

  @Test
  void aRetryAfterTheAliasMovedAnswersTheFirstChildWithTheLimitsItWasGiven() {
    RunWorkflowInput parent = infra.seedRun(TestSpecs.demo(), "{}");
    infra.seedAgent(parent, "researcher", TestSpecs.withTools("http://127.0.0.1:9/v1", V1));
    aliases.seedVersion(
        parent.tenantId(), "researcher", 2, TestSpecs.withTools("http://127.0.0.1:9/v1", V2));
    aliases.point(parent.tenantId(), "researcher", "prod", 2);
    ChildRunStarter.Target first = target(parent);
    QueuedRun child = admit(parent, first);

    aliases.point(parent.tenantId(), "researcher", "prod", 1);
    ChildRunStarter.Target retried = target(parent);
    QueuedRun again = admit(parent, retried);

    assertThat(retried.version()).isEqualTo(1);
    assertThat(again.runId()).isEqualTo(child.runId());
    assertThat(again.agentVersion()).isEqualTo(2);
    assertThat(starter.limitsOf(parent.tenantId(), again, retried)).isEqualTo(V2);
    assertThat(aliases.children(parent.tenantId(), parent.runId()))
        .containsExactly(new ChildVersion(2, "prod", "tree " + parent.runId(), 4));
  }

  @Test
  void aPinnedVersionNeedsNoAliasAndAMissingOneIsUnresolved() {
    RunWorkflowInput parent = infra.seedRun(TestSpecs.demo(), "{}");
    infra.seedAgent(parent, "researcher", TestSpecs.withTools("http://127.0.0.1:9/v1", V1));

    assertThat(starter.resolve(parent.tenantId(), parent.runId(), "researcher", 1, null))
        .isInstanceOfSatisfying(
            ChildRunStarter.Target.class,
            t -> {
              assertThat(t.alias()).isNull();
              assertThat(t.routingKey()).isNull();
              assertThat(t.label()).isEqualTo("agent 'researcher' v1");
            });
    assertThat(starter.resolve(parent.tenantId(), parent.runId(), "researcher", 2, null))
        .isEqualTo(
            new ChildRunStarter.Unresolved("agent 'researcher' has no version 2 in this tenant"));
    assertThat(starter.resolve(parent.tenantId(), parent.runId(), "researcher", null, "prod"))
        .isInstanceOfSatisfying(
            ChildRunStarter.Unresolved.class,
            u -> assertThat(u.reason()).startsWith("agent 'researcher' has no alias 'prod'"));
  }

  private ChildRunStarter.Target target(RunWorkflowInput parent) {
    return (ChildRunStarter.Target)
        starter.resolve(parent.tenantId(), parent.runId(), "researcher", null, "prod");
  }

  /** Admits the child of the parent's step 1, call 0, as every attempt of that call does. */
  private QueuedRun admit(RunWorkflowInput parent, ChildRunStarter.Target target) {
    LimitsSpec limits = target.ref().spec().limitsOrDefault();
    return starter.admit(
        parent.tenantId(),
        parent.runId(),
        target,
        "{\"topic\": \"x\"}",
        "parent run " + parent.runId() + " step 1 call 0",
        limits,
        3);
  }
}
