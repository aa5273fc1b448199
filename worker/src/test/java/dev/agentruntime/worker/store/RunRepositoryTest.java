package dev.agentruntime.worker.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.core.workflow.RunWorkflowInput;
import dev.agentruntime.worker.TestInfrastructure;
import dev.agentruntime.worker.TestSpecs;
import org.junit.jupiter.api.Test;

class RunRepositoryTest {

  private final TestInfrastructure infra = TestInfrastructure.get();

  @Test
  void aCachedSpecIsAnsweredOnlyToItsOwnTenant() {
    RunWorkflowInput run = infra.seedRun(TestSpecs.demo(), "{\"q\":1}");
    RunRepository runs = new RunRepository(infra.dataSource);

    assertThat(runs.spec(run.tenantId(), run.agentVersionId())).isPresent();

    // The version id alone is no key: another tenant gets what its own query finds, nothing.
    assertThat(runs.spec("t-other", run.agentVersionId())).isEmpty();
    assertThat(runs.spec(run.tenantId(), run.agentVersionId())).isPresent();
  }
}
