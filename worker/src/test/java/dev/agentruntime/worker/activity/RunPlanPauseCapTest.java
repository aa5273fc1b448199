package dev.agentruntime.worker.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentruntime.core.workflow.RunWorkflowInput;
import dev.agentruntime.worker.TestInfrastructure;
import dev.agentruntime.worker.TestSpecs;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The operator's {@code agent-runtime.runs.max-paused} reaches the plan a run begins with. */
class RunPlanPauseCapTest {

  private final TestInfrastructure infra = TestInfrastructure.get();

  @Test
  void aRunBeginsWithTheConfiguredPauseCapInItsPlan() {
    RunWorkflowInput run = infra.seedRun(TestSpecs.demo(), "{}");

    var plan = infra.storeActivities(infra.metrics, Duration.ofMinutes(5)).beginRun(run);

    assertThat(plan.maxPausedSeconds()).isEqualTo(300);
    assertThat(plan.maxPausedSecondsOrDefault()).isEqualTo(300);
  }

  @Test
  void aCapOutsideItsRangeStopsTheWorkerAtStartUpNamingTheSetting() {
    for (Duration bad : new Duration[] {Duration.ZERO, Duration.ofSeconds(1L << 31)}) {
      assertThatThrownBy(() -> infra.storeActivities(infra.metrics, bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("agent-runtime.runs.max-paused");
    }
  }
}
