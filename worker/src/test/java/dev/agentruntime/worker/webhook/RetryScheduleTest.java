package dev.agentruntime.worker.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

  private static final Instant NOW = Instant.parse("2026-12-07T04:00:00Z");

  private static WebhookSettings settings(double jitter) {
    return new WebhookSettings(
        List.of(Duration.ofSeconds(5), Duration.ofMinutes(5)),
        jitter,
        Duration.ofHours(1),
        Duration.ofSeconds(15),
        Duration.ofSeconds(1),
        1);
  }

  @Test
  void eachRetryWaitsItsEntryOfTheScheduleAndAfterTheLastThereIsNone() {
    RetrySchedule schedule = new RetrySchedule(settings(0));
    assertThat(schedule.after(1, null, NOW)).contains(Duration.ofSeconds(5));
    assertThat(schedule.after(2, null, NOW)).contains(Duration.ofMinutes(5));
    assertThat(schedule.after(3, null, NOW)).isEmpty();
  }

  @Test
  void jitterSpreadsAWaitWithinItsFraction() {
    RetrySchedule schedule = new RetrySchedule(settings(0.2));
    for (int i = 0; i < 200; i++) {
      Duration wait = schedule.after(1, null, NOW).orElseThrow();
      assertThat(wait).isBetween(Duration.ofMillis(4000), Duration.ofMillis(6000));
    }
  }

  @Test
  void aLongerRetryAfterWinsInSecondsOrAsADateUpToTheCap() {
    RetrySchedule schedule = new RetrySchedule(settings(0));
    assertThat(schedule.after(1, "120", NOW)).contains(Duration.ofSeconds(120));
    assertThat(schedule.after(1, "2", NOW)).contains(Duration.ofSeconds(5));
    String date =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(600).atOffset(ZoneOffset.UTC));
    assertThat(schedule.after(1, date, NOW)).contains(Duration.ofSeconds(600));
    assertThat(schedule.after(1, "86400", NOW)).contains(Duration.ofHours(1));
    assertThat(schedule.after(1, "soon", NOW)).contains(Duration.ofSeconds(5));
  }
}
