package dev.agentruntime.api.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.api.problem.Violation;
import io.temporal.client.schedules.ScheduleIntervalSpec;
import io.temporal.client.schedules.ScheduleSpec;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScheduleTimingTest {

  private static final Instant NOON = Instant.parse("2026-05-01T12:00:00Z");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0 9 * * mon-fri",
        "*/15 * * * *",
        "0,30 8-18 1,15 jan-jun 0",
        "5 4 * * 7",
        "0 0 1 */3 *"
      })
  void aFiveFieldCronIsAccepted(String cron) {
    assertThat(cron(cron).violations("timing")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "* * * *",
        "0 0 9 * * mon",
        "@every 5m",
        "60 * * * *",
        "* 24 * * *",
        "* * 0 * *",
        "* * * 13 *",
        "* * * * 8",
        "*/0 * * * *",
        "5-1 * * * *",
        "* * * foo *",
        "CRON_TZ=UTC 0 9 * * *",
        "1,,2 * * * *"
      })
  void anythingElseIsRefusedUnderCron(String cron) {
    assertThat(cron(cron).violations("timing"))
        .singleElement()
        .extracting(Violation::field)
        .isEqualTo("timing.cron");
  }

  @Test
  void exactlyOneOfCronAndIntervalIsRequired() {
    assertThat(new ScheduleTiming(null, null, null, null, null, null).violations("t"))
        .extracting(Violation::message)
        .containsExactly("exactly one of cron and interval is required");
    assertThat(new ScheduleTiming("* * * * *", "PT1M", null, null, null, null).violations("t"))
        .extracting(Violation::field)
        .containsExactly("t.cron");
  }

  @ParameterizedTest
  @ValueSource(strings = {"PT0.5S", "PT0S", "-PT1M", "15 minutes", "P1M"})
  void anIntervalIsWholeSecondsOfAtLeastOne(String interval) {
    assertThat(new ScheduleTiming(null, interval, null, null, null, null).violations("t"))
        .extracting(Violation::field)
        .containsExactly("t.interval");
  }

  @ParameterizedTest
  @ValueSource(strings = {"+02:00", "GMT+2", "Mars/Olympus", "europe/paris", ""})
  void aTimeZoneIsAnIanaName(String zone) {
    assertThat(new ScheduleTiming(null, "PT1M", zone, null, null, null).violations("t"))
        .extracting(Violation::field)
        .containsExactly("t.timeZone");
  }

  @Test
  void theEndFollowsTheStartAndTheJitterIsBounded() {
    assertThat(new ScheduleTiming(null, "PT1M", "Europe/Paris", NOON, NOON, "P2D").violations("t"))
        .extracting(Violation::field)
        .containsExactly("t.endAt", "t.jitter");
    assertThat(
            new ScheduleTiming(null, "PT1M", "Europe/Paris", NOON, NOON.plusSeconds(1), "PT30S")
                .violations("t"))
        .isEmpty();
  }

  @Test
  void temporalsSpecCarriesEveryField() {
    ScheduleSpec cron =
        new ScheduleTiming(
                " 0 9 * * mon-fri ",
                null,
                "America/New_York",
                NOON,
                NOON.plusSeconds(86400),
                "PT30S")
            .spec();
    ScheduleSpec interval = new ScheduleTiming(null, "PT15M", null, null, null, null).spec();

    assertThat(cron.getCronExpressions()).containsExactly("0 9 * * mon-fri");
    assertThat(cron.getTimeZoneName()).isEqualTo("America/New_York");
    assertThat(cron.getStartAt()).isEqualTo(NOON);
    assertThat(cron.getEndAt()).isEqualTo(NOON.plusSeconds(86400));
    assertThat(cron.getJitter()).isEqualTo(Duration.ofSeconds(30));
    assertThat(interval.getIntervals())
        .extracting(ScheduleIntervalSpec::getEvery)
        .containsExactly(Duration.ofMinutes(15));
    assertThat(interval.getTimeZoneName()).isEqualTo("UTC");
    assertThat(interval.getCronExpressions()).isNullOrEmpty();
  }

  private static ScheduleTiming cron(String cron) {
    return new ScheduleTiming(cron, null, null, null, null, null);
  }
}
