package dev.agentruntime.worker.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.core.workflow.RunWorkflows;
import dev.agentruntime.core.workflow.ScheduleActions;
import dev.agentruntime.embedded.Ports;
import dev.agentruntime.embedded.TemporalDevServer;
import dev.agentruntime.worker.RunHarness;
import dev.agentruntime.worker.TestInfrastructure;
import dev.agentruntime.worker.TestSpecs;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleBackfill;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleHandle;
import io.temporal.client.schedules.ScheduleIntervalSpec;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.SchedulePolicy;
import io.temporal.client.schedules.ScheduleSpec;
import io.temporal.client.schedules.ScheduleState;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real Temporal Schedules (the Temporal CLI's dev server) firing {@link ScheduleFireWorkflowImpl}
 * on a worker with the real activities and PostgreSQL: what the test server cannot show, since it
 * has no schedules. Each fire admits exactly one run, named by the fire's nominal time; a backfill
 * over a range admits exactly the range's fires; a trigger-now admits one more.
 */
class ScheduleOnTemporalServerTest {

  private static final Duration EVERY = Duration.ofSeconds(2);

  private static final TestInfrastructure infra = TestInfrastructure.get();
  private static TemporalDevServer temporal;
  private static WorkflowServiceStubs service;
  private static WorkerFactory workers;
  private static ScheduleClient schedules;

  @BeforeAll
  static void startTemporalAndWorker() throws Exception {
    Path home = Files.createTempDirectory("schedule-temporal");
    temporal = TemporalDevServer.start(home, Ports.free(), Ports.free());
    service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.target()).build());
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setChannel(service.getRawChannel())
                .validateAndBuildWithDefaults());
    operator
        .blockingStub()
        .addSearchAttributes(
            AddSearchAttributesRequest.newBuilder()
                .setNamespace("default")
                .putAllSearchAttributes(RunWorkflows.searchAttributeTypes())
                .build());
    operator.shutdownNow();
    WorkflowClient client = WorkflowClient.newInstance(service);
    workers = WorkerFactory.newInstance(client);
    Worker worker = workers.newWorker(RunWorkflows.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(
        AgentRunWorkflowImpl.class, ScheduleFireWorkflowImpl.class);
    worker.registerActivitiesImplementations(RunHarness.activities(infra));
    workers.start();
    schedules = ScheduleClient.newInstance(service);
  }

  @AfterAll
  static void stop() {
    if (workers != null) {
      workers.shutdownNow();
    }
    if (service != null) {
      service.shutdownNow();
    }
    if (temporal != null) {
      temporal.close();
    }
  }

  @Test
  void eachFireOfAnIntervalAdmitsOneRunAtItsScheduledTime() throws Exception {
    String tenant = infra.seedRun(TestSpecs.demo(), "{}").tenantId();
    UUID schedule = insertSchedule(tenant);
    ScheduleHandle handle = create(tenant, schedule, false);
    try {
      List<Fire> fires = awaitFires(tenant, schedule, 5, Duration.ofSeconds(40));
      handle.pause("test over");

      List<Instant> times = fires.stream().map(Fire::scheduledAt).toList();
      assertThat(times).doesNotHaveDuplicates();
      // An interval fires on multiples of itself since the epoch (no phase, no jitter).
      assertThat(times).allMatch(t -> t.toEpochMilli() % EVERY.toMillis() == 0);
      // Admitted soon after its time: the fire's latency, from the nominal time to the run's row.
      System.out.println(
          "schedule fire latency (nominal time to admitted run), ms: "
              + fires.stream()
                  .map(f -> Duration.between(f.scheduledAt(), f.createdAt()).toMillis())
                  .toList());
      assertThat(fires)
          .allMatch(f -> Duration.between(f.scheduledAt(), f.createdAt()).toMillis() < 1500);
    } finally {
      handle.delete();
    }
  }

  @Test
  void aBackfillAdmitsExactlyTheRangesFiresAndATriggerOneMore() throws Exception {
    String tenant = infra.seedRun(TestSpecs.demo(), "{}").tenantId();
    UUID schedule = insertSchedule(tenant);
    ScheduleHandle handle = create(tenant, schedule, true);
    try {
      Instant first = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(10));
      first = first.minusSeconds(first.getEpochSecond() % EVERY.toSeconds());
      // Half a second around the five fires: the range holds them whatever its ends' inclusion.
      handle.backfill(
          List.of(
              new ScheduleBackfill(
                  first.minusMillis(500),
                  first.plus(EVERY.multipliedBy(4)).plusMillis(500),
                  ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_ALLOW_ALL)));
      List<Fire> backfilled = awaitFires(tenant, schedule, 5, Duration.ofSeconds(30));
      List<Instant> expected = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        expected.add(first.plus(EVERY.multipliedBy(i)));
      }
      assertThat(backfilled).extracting(Fire::scheduledAt).containsExactlyElementsOf(expected);

      // The same range again: Temporal starts the fires anew, and each finds its run admitted.
      handle.backfill(
          List.of(
              new ScheduleBackfill(
                  first.minusMillis(500),
                  first.plus(EVERY.multipliedBy(4)).plusMillis(500),
                  ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_ALLOW_ALL)));
      handle.trigger(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_ALLOW_ALL);
      List<Fire> after = awaitFires(tenant, schedule, 6, Duration.ofSeconds(30));
      Thread.sleep(3000);

      assertThat(fires(tenant, schedule)).hasSize(6).containsAll(backfilled);
      assertThat(after.get(5).scheduledAt()).isAfter(first.plus(Duration.ofMinutes(9)));
    } finally {
      handle.delete();
    }
  }

  private static ScheduleHandle create(String tenant, UUID schedule, boolean paused) {
    return schedules.createSchedule(
        ScheduleActions.scheduleId(tenant, schedule),
        Schedule.newBuilder()
            .setAction(ScheduleActions.action(tenant, schedule, true))
            .setSpec(
                ScheduleSpec.newBuilder()
                    .setIntervals(List.of(new ScheduleIntervalSpec(EVERY)))
                    .build())
            .setPolicy(
                SchedulePolicy.newBuilder()
                    .setOverlap(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_ALLOW_ALL)
                    .setCatchupWindow(Duration.ofSeconds(10))
                    .build())
            .setState(ScheduleState.newBuilder().setPaused(paused).build())
            .build(),
        ScheduleOptions.newBuilder().build());
  }

  private record Fire(Instant scheduledAt, Instant createdAt) {}

  /** Waits until the schedule has admitted at least {@code count} runs; answers them. */
  private static List<Fire> awaitFires(String tenant, UUID schedule, int count, Duration timeout)
      throws InterruptedException {
    long giveUpAt = System.nanoTime() + timeout.toNanos();
    List<Fire> fires = fires(tenant, schedule);
    while (fires.size() < count && System.nanoTime() < giveUpAt) {
      Thread.sleep(200);
      fires = fires(tenant, schedule);
    }
    assertThat(fires).as("runs admitted by the schedule").hasSizeGreaterThanOrEqualTo(count);
    return fires;
  }

  /** The schedule's runs, oldest scheduled time first. */
  private static List<Fire> fires(String tenant, UUID schedule) {
    List<Fire> fires = new ArrayList<>();
    try (Connection c = infra.dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "select scheduled_at, created_at from run where tenant_id = ? and schedule_id = ?"
                    + " order by scheduled_at")) {
      ps.setString(1, tenant);
      ps.setObject(2, schedule);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          fires.add(
              new Fire(
                  rs.getObject(1, OffsetDateTime.class).toInstant(),
                  rs.getObject(2, OffsetDateTime.class).toInstant()));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return fires;
  }

  private static UUID insertSchedule(String tenant) throws SQLException {
    UUID id = UUID.randomUUID();
    try (Connection c = infra.dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "insert into schedule (id, tenant_id, name, agent_name, input, timing, overlap,"
                    + " catchup_window_seconds, created_by) values (?, ?, 'every-two-seconds',"
                    + " 'summarizer', '{}', '{\"interval\": \"PT2S\"}', 'allow-all', 10, 'test')")) {
      ps.setObject(1, id);
      ps.setString(2, tenant);
      ps.executeUpdate();
    }
    return id;
  }
}
