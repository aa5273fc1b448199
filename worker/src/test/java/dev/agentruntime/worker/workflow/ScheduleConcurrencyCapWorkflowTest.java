package dev.agentruntime.worker.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.agentruntime.core.workflow.RunWorkflowInput;
import dev.agentruntime.core.workflow.RunWorkflows;
import dev.agentruntime.core.workflow.ScheduleFireWorkflow;
import dev.agentruntime.worker.TestSpecs;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * A schedule allowing up to two runs at once, on the real fire and run workflows, activities and
 * PostgreSQL (Temporal's test server, which has no schedules: each fire's workflow is started as
 * the scheduler starts it under ALLOW_ALL). Every fire admits its run; the first two run, the
 * others wait {@code queued} and start as runs of the schedule end; none is skipped.
 */
class ScheduleConcurrencyCapWorkflowTest extends WholeRunTest {

  private static final Instant NINE = Instant.parse("2026-03-02T09:00:00Z");

  @Test
  void fourFiresOfAScheduleAllowingUpToTwoAllRunNeverMoreThanTwoAtOnce() throws Exception {
    RunWorkflowInput seeded = infra.seedRun(TestSpecs.openAi(model.baseUrl()), "{}");
    String tenant = seeded.tenantId();
    UUID schedule = UUID.randomUUID();
    infra.execute(
        "insert into schedule (id, tenant_id, name, agent_name, input, timing, overlap,"
            + " max_concurrent_runs, catchup_window_seconds, created_by) values (?, ?, ?,"
            + " 'summarizer', '{\"message\": \"capped\"}', '{\"interval\": \"PT1M\"}',"
            + " 'allow-up-to', 2, 60, 'test')",
        schedule,
        tenant,
        "s-" + schedule.toString().substring(0, 8));
    model.holdCallsContaining("capped");

    // One fire at a time, each admitted before the next starts: the fire order is the
    // admission order the slots keep.
    for (int i = 0; i < 4; i++) {
      startFire(tenant, schedule, NINE.plusSeconds(60L * i));
      awaitRuns(tenant, schedule, r -> true, i + 1);
    }
    assertThat(model.awaitHeld(Duration.ofSeconds(30))).isTrue();
    awaitRuns(tenant, schedule, r -> r.started() != null, 2);
    Thread.sleep(1_500);
    List<Run> waiting = runsOf(tenant, schedule);
    assertThat(waiting)
        .extracting(Run::status, r -> r.started() != null, r -> r.slotGranted() != null)
        .containsExactly(
            tuple("running", true, true),
            tuple("running", true, true),
            tuple("queued", false, false),
            tuple("queued", false, false));

    model.release();
    List<Run> ended = awaitRuns(tenant, schedule, r -> "succeeded".equals(r.status()), 4);
    // Never more than two holding a slot at once: when each took its slot, at most one other held.
    for (Run run : ended) {
      long holding =
          ended.stream()
              .filter(
                  o ->
                      !o.slotGranted().isAfter(run.slotGranted())
                          && o.finished().isAfter(run.slotGranted()))
              .count();
      assertThat(holding)
          .as("slots held when %s took one", run.scheduledAt())
          .isLessThanOrEqualTo(2);
    }
    // The two that waited took theirs only once a first run had ended. (Which of them goes first
    // when two places free at once is the claims' race; the order is RunSlotRepositoryTest's.)
    Instant firstEnd =
        ended.get(0).finished().isBefore(ended.get(1).finished())
            ? ended.get(0).finished()
            : ended.get(1).finished();
    assertThat(ended.get(2).slotGranted()).isAfterOrEqualTo(firstEnd);
    assertThat(ended.get(3).slotGranted()).isAfterOrEqualTo(firstEnd);
  }

  private void startFire(String tenant, UUID schedule, Instant nominal) {
    ScheduleFireWorkflow workflow =
        harness
            .client()
            .newWorkflowStub(
                ScheduleFireWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setTaskQueue(RunWorkflows.TASK_QUEUE)
                    .setWorkflowId("schedule-" + schedule + "-" + nominal)
                    .setTypedSearchAttributes(
                        SearchAttributes.newBuilder()
                            .set(
                                ScheduleFireWorkflowImpl.SCHEDULED_START,
                                OffsetDateTime.ofInstant(nominal, ZoneOffset.UTC))
                            .build())
                    .build());
    WorkflowClient.start(workflow::fire, new ScheduleFireWorkflow.Target(tenant, schedule));
  }

  private record Run(
      Instant scheduledAt, String status, Instant slotGranted, Instant started, Instant finished) {}

  /** Waits until {@code count} of the schedule's runs match, and answers them all. */
  private List<Run> awaitRuns(String tenant, UUID schedule, Predicate<Run> matching, int count)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (true) {
      List<Run> runs = runsOf(tenant, schedule);
      if (runs.stream().filter(matching).count() >= count) {
        return runs;
      }
      assertThat(Instant.now()).as("runs of the schedule: %s", runs).isBefore(deadline);
      Thread.sleep(100);
    }
  }

  /** The schedule's runs in admission order. */
  private List<Run> runsOf(String tenant, UUID schedule) {
    List<Run> runs = new ArrayList<>();
    try (Connection c = infra.dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "select scheduled_at, status, slot_granted_at, started_at, finished_at from run"
                    + " where tenant_id = ? and schedule_id = ? order by created_at, id")) {
      ps.setString(1, tenant);
      ps.setObject(2, schedule);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          runs.add(
              new Run(
                  rs.getObject(1, OffsetDateTime.class).toInstant(),
                  rs.getString(2),
                  instant(rs.getTimestamp(3)),
                  instant(rs.getTimestamp(4)),
                  instant(rs.getTimestamp(5))));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return runs;
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
