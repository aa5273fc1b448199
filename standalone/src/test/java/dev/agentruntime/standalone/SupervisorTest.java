package dev.agentruntime.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SupervisorTest {

  @Test
  void restartDelayDoublesFromOneSecondUpToThirtyWhileTheProcessKeepsDying() {
    assertThat(Supervisor.backoff(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(Supervisor.backoff(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(Supervisor.backoff(5)).isEqualTo(Duration.ofSeconds(16));
    assertThat(Supervisor.backoff(6)).isEqualTo(Duration.ofSeconds(30));
    assertThat(Supervisor.backoff(100)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void exitIsDescribedByTheSignalThatEndedTheProcess() {
    assertThat(Supervisor.describeExit(137)).isEqualTo("killed, SIGKILL");
    assertThat(Supervisor.describeExit(143)).isEqualTo("SIGTERM");
    assertThat(Supervisor.describeExit(134)).isEqualTo("signal 6");
    assertThat(Supervisor.describeExit(1)).isEqualTo("exit code 1");
  }
}
