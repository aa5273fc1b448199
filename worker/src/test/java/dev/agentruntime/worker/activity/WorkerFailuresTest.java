package dev.agentruntime.worker.activity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.core.activity.ActivityFailureTypes;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import org.junit.jupiter.api.Test;

class WorkerFailuresTest {

  private static RuntimeException http(int status) {
    return new InternalServerException(
        new HttpException(status, "{\"error\":{\"message\":\"nope\"}}"));
  }

  @Test
  void clientErrorsOfTheModelAreNotRetried() {
    for (int status : new int[] {400, 401, 403, 404}) {
      var failure = WorkerFailures.forModelCall(http(status));
      assertThat(failure.isNonRetryable()).as("HTTP %d", status).isTrue();
      assertThat(failure.getType()).isEqualTo(ActivityFailureTypes.CLIENT_ERROR);
      assertThat(failure.getOriginalMessage()).isEqualTo("HTTP " + status + ": nope");
    }
  }

  @Test
  void serverErrorsTimeoutsAndRateLimitsAreRetried() {
    for (int status : new int[] {408, 429, 500, 502, 503}) {
      assertThat(WorkerFailures.forModelCall(http(status)).isNonRetryable())
          .as("HTTP %d", status)
          .isFalse();
    }
    assertThat(
            WorkerFailures.forModelCall(new RuntimeException("connection reset")).isNonRetryable())
        .isFalse();
  }
}
