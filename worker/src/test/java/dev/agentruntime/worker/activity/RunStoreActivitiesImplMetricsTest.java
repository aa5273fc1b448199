package dev.agentruntime.worker.activity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.core.activity.RunFinish;
import dev.agentruntime.core.run.RunStatus;
import dev.agentruntime.core.workflow.RunOutcome;
import dev.agentruntime.core.workflow.RunWorkflowInput;
import dev.agentruntime.worker.TestInfrastructure;
import dev.agentruntime.worker.TestSpecs;
import dev.agentruntime.worker.metrics.WorkerMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class RunStoreActivitiesImplMetricsTest {

  @Test
  void aRunIsCountedFinishedOnceWhenFinishRunIsRetried() {
    TestInfrastructure infra = TestInfrastructure.get();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    RunStoreActivitiesImpl store = infra.storeActivities(new WorkerMetrics(registry));
    RunWorkflowInput run = infra.seedRun(TestSpecs.demo(), "{\"message\": \"hi\"}");
    RunFinish finish =
        new RunFinish(
            run.tenantId(), run.runId(), new RunOutcome(RunStatus.FAILED, "boom", 0, 0), null);

    store.finishRun(finish);
    store.finishRun(finish); // Temporal's retry after a worker died before reporting the first

    assertThat(infra.runRow(run)).containsEntry("status", "failed");
    assertThat(
            registry
                .get("agent_runtime.runs.finished")
                .tags("tenant", run.tenantId(), "status", "failed")
                .counter()
                .count())
        .isEqualTo(1.0);
  }
}
