package dev.agentruntime.worker.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.core.activity.ActivityFailureTypes;
import dev.agentruntime.core.spec.RetrySpec;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RunActivityOptionsTest {

  @Test
  void stepsFollowTheSpecsRetryPolicyAndNeverRetryClientErrorsOrKernelOutages() {
    var options = RunActivityOptions.steps(new RetrySpec(3, 200L, 1.5, 5_000L, 7));

    assertThat(options.getStartToCloseTimeout()).isEqualTo(Duration.ofSeconds(7));
    var retry = options.getRetryOptions();
    assertThat(retry.getMaximumAttempts()).isEqualTo(3);
    assertThat(retry.getInitialInterval()).isEqualTo(Duration.ofMillis(200));
    assertThat(retry.getBackoffCoefficient()).isEqualTo(1.5);
    assertThat(retry.getMaximumInterval()).isEqualTo(Duration.ofSeconds(5));
    // A kernel outage is retried by the workflow (KernelRetry), not on the agent's attempts.
    assertThat(retry.getDoNotRetry())
        .containsExactly(
            ActivityFailureTypes.CLIENT_ERROR, ActivityFailureTypes.KERNEL_UNAVAILABLE);
  }

  @Test
  void stepsUseTheDocumentedDefaultsWhenTheSpecSetsNone() {
    var options = RunActivityOptions.steps(new RetrySpec(null, null, null, null, null));

    assertThat(options.getStartToCloseTimeout()).isEqualTo(Duration.ofSeconds(120));
    assertThat(options.getRetryOptions().getMaximumAttempts()).isEqualTo(5);
  }

  @Test
  void bookkeepingRetriesWithoutLimitSoAnOutageOnlyDelaysARun() {
    var retry = RunActivityOptions.STORE.getRetryOptions();

    assertThat(retry.getMaximumAttempts()).isZero();
    assertThat(retry.getMaximumInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(RunActivityOptions.STORE.getStartToCloseTimeout()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void localBookkeepingHasARetryLimitSoTheSdkRetriesItAtAll() {
    var options = RunActivityOptions.LOCAL_STORE;

    assertThat(options.getRetryOptions().getMaximumAttempts()).isZero();
    assertThat(options.getScheduleToCloseTimeout()).isGreaterThanOrEqualTo(Duration.ofDays(30));
  }
}
