package dev.agentruntime.worker.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentruntime.core.activity.ActivityFailureTypes;
import dev.agentruntime.core.run.RunStatus;
import dev.agentruntime.core.spec.AgentSpec;
import dev.agentruntime.core.workflow.RunOutcome;
import dev.agentruntime.core.workflow.RunWorkflowInput;
import dev.agentruntime.core.workflow.RunWorkflows;
import dev.agentruntime.core.workflow.ScheduleActions;
import dev.agentruntime.core.workflow.ScheduleFireWorkflow;
import dev.agentruntime.worker.RunHarness;
import dev.agentruntime.worker.TestSpecs;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A schedule's fire on the real workflows, activities and PostgreSQL: it admits one run per
 * scheduled time through the one admission path and ends with it. Temporal's test server has no
 * schedules, so each test starts the fire's workflow as the scheduler does, with the fire's nominal
 * time in {@code TemporalScheduledStartTime}; the API's tests on the dev server drive real
 * schedules.
 */
class ScheduleFireWorkflowTest extends WholeRunTest {

  static final Path FRESH_HISTORIES = Path.of("target/histories");

  private static final Instant NINE = Instant.parse("2026-03-02T09:00:00Z");

  @Test
  void aFireAdmitsOneRunNamedByItsScheduleAndTimeAndEndsWithIt() throws Exception {
    RunWorkflowInput seeded = infra.seedRun(TestSpecs.demo(), "{}");
    UUID schedule = insertSchedule(seeded.tenantId(), "{\"topic\": \"daily\"}");

    String workflowId = "schedule-" + schedule + "-" + NINE;
    RunOutcome outcome = fire(workflowId, seeded.tenantId(), schedule, NINE);

    assertThat(outcome.status()).isEqualTo(RunStatus.SUCCEEDED);
    // For ScheduleFireWorkflowReplayTest, which replays it and the fixture recorded from it.
    Files.createDirectories(FRESH_HISTORIES);
    Files.writeString(
        FRESH_HISTORIES.resolve(ScheduleFireWorkflowReplayTest.FIXTURE),
        harness.client().fetchHistory(workflowId).toJson(true));
    assertThat(runsOf(seeded.tenantId(), schedule))
        .singleElement()
        .isEqualTo(List.of("schedule", NINE.toString(), "succeeded", "{\"topic\": \"daily\"}"));
  }

  @Test
  void aFireOfAScheduleAppliedWithoutTheAttributesRunsOnANamespaceThatLacksThem() {
    harness.close();
    harness = RunHarness.withoutRunSearchAttributes(infra);
    RunWorkflowInput seeded = infra.seedRun(TestSpecs.demo(), "{}");
    UUID schedule = insertSchedule(seeded.tenantId(), "{}");

    RunOutcome outcome =
        fire(
            "schedule-" + schedule + "-" + NINE,
            seeded.tenantId(),
            schedule,
            NINE,
            Map.<String, Object>of(ScheduleActions.RUN_SEARCH_ATTRIBUTES_MEMO, false));

    assertThat(outcome.status()).as(outcome.reason()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(runsOf(seeded.tenantId(), schedule)).singleElement().isNotNull();
  }

  @Test
  void startingTheSameFireAgainAdmitsAndRunsNoSecondRun() throws Exception {
    RunWorkflowInput seeded = infra.seedRun(TestSpecs.demo(), "{}");
    UUID schedule = insertSchedule(seeded.tenantId(), "{}");
    fire(seeded.tenantId(), schedule, NINE);
    String firstRunEvents = eventCounts(seeded.tenantId(), schedule);

    // A backfill over a time that already fired starts a new workflow for the same fire.
    RunOutcome again = fire(seeded.tenantId(), schedule, NINE);
    fire(seeded.tenantId(), schedule, NINE.plusSeconds(60));

    assertThat(again).isNull();
    assertThat(runsOf(seeded.tenantId(), schedule))
        .extracting(run -> run.get(1))
        .containsExactly(NINE.plusSeconds(60).toString(), NINE.toString());
    // The first fire's run did not run a second time.
    assertThat(eventCounts(seeded.tenantId(), schedule)).startsWith(firstRunEvents);
  }

  @Test
  void aRunThatFailsFailsItsFireSoThatPauseOnFailureSeesIt() throws Exception {
    model.failNext(10, 400);
    AgentSpec failing = TestSpecs.openAi(model.baseUrl());
    RunWorkflowInput seeded = infra.seedRun(failing, "{}");
    UUID schedule = insertSchedule(seeded.tenantId(), "{}");

    assertThatThrownBy(() -> fire(seeded.tenantId(), schedule, NINE))
        .isInstanceOf(WorkflowFailedException.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure ->
                assertThat(failure.getType())
                    .isEqualTo(ScheduleFireWorkflowImpl.RUN_DID_NOT_SUCCEED));
    assertThat(runsOf(seeded.tenantId(), schedule))
        .singleElement()
        .extracting(run -> run.get(2))
        .isEqualTo("failed");
  }

  @Test
  void aDeletedScheduleOrAnotherTenantsFiresNothing() throws Exception {
    RunWorkflowInput seeded = infra.seedRun(TestSpecs.demo(), "{}");
    RunWorkflowInput other = infra.seedRun(TestSpecs.demo(), "{}");
    UUID deleted = insertSchedule(seeded.tenantId(), "{}");
    execute("update schedule set deleted_at = now() where id = ?", deleted);
    UUID theirs = insertSchedule(other.tenantId(), "{}");

    assertThat(fire(seeded.tenantId(), deleted, NINE)).isNull();
    assertThat(fire(seeded.tenantId(), theirs, NINE)).isNull();
    assertThat(runsOf(seeded.tenantId(), deleted)).isEmpty();
    assertThat(runsOf(seeded.tenantId(), theirs)).isEmpty();
    assertThat(runsOf(other.tenantId(), theirs)).isEmpty();
  }

  @Test
  void aFireOfAnAgentTheTenantNoLongerHasFailsWithoutRetrying() throws Exception {
    RunWorkflowInput seeded = infra.seedRun(TestSpecs.demo(), "{}");
    UUID schedule = insertSchedule(seeded.tenantId(), "{}");
    execute("update schedule set agent_version = 7 where id = ?", schedule);

    assertThatThrownBy(() -> fire(seeded.tenantId(), schedule, NINE))
        .isInstanceOf(WorkflowFailedException.class)
        .rootCause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> assertThat(failure.getType()).isEqualTo(ActivityFailureTypes.CLIENT_ERROR))
        .hasMessageContaining("version 7");
    assertThat(runsOf(seeded.tenantId(), schedule)).isEmpty();
  }

  @Test
  void aFireStartedByNoScheduleIsRefused() {
    RunWorkflowInput seeded = infra.seedRun(TestSpecs.demo(), "{}");
    UUID schedule = insertSchedule(seeded.tenantId(), "{}");
    ScheduleFireWorkflow workflow =
        harness
            .client()
            .newWorkflowStub(
                ScheduleFireWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setTaskQueue(RunWorkflows.TASK_QUEUE)
                    .setWorkflowId("by-hand-" + schedule)
                    .build());

    assertThatThrownBy(
            () -> workflow.fire(new ScheduleFireWorkflow.Target(seeded.tenantId(), schedule)))
        .isInstanceOf(WorkflowFailedException.class)
        .cause()
        .hasMessageContaining(ScheduleFireWorkflow.SCHEDULED_START_TIME);
    assertThat(runsOf(seeded.tenantId(), schedule)).isEmpty();
  }

  /** Starts the fire's workflow as Temporal's scheduler does, and waits for it to end. */
  private RunOutcome fire(String tenant, UUID schedule, Instant nominal) {
    // The scheduler's own id is '<action's id>-<nominal time>'; made unique here, as a second
    // start of one fire (a backfill) may follow the first one's end.
    return fire(
        "schedule-" + schedule + "-" + nominal + "-" + UUID.randomUUID(),
        tenant,
        schedule,
        nominal);
  }

  private RunOutcome fire(String workflowId, String tenant, UUID schedule, Instant nominal) {
    return fire(workflowId, tenant, schedule, nominal, Map.of());
  }

  private RunOutcome fire(
      String workflowId, String tenant, UUID schedule, Instant nominal, Map<String, Object> memo) {
    ScheduleFireWorkflow workflow =
        harness
            .client()
            .newWorkflowStub(
                ScheduleFireWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setTaskQueue(RunWorkflows.TASK_QUEUE)
                    .setWorkflowId(workflowId)
                    .setMemo(memo.isEmpty() ? null : memo)
                    .setTypedSearchAttributes(
                        SearchAttributes.newBuilder()
                            .set(
                                ScheduleFireWorkflowImpl.SCHEDULED_START,
                                OffsetDateTime.ofInstant(nominal, ZoneOffset.UTC))
                            .build())
                    .build());
    return workflow.fire(new ScheduleFireWorkflow.Target(tenant, schedule));
  }

  private UUID insertSchedule(String tenant, String inputJson) {
    UUID id = UUID.randomUUID();
    execute(
        "insert into schedule (id, tenant_id, name, agent_name, input, timing, overlap,"
            + " catchup_window_seconds, created_by) values (?, ?, ?, 'summarizer', ?::jsonb,"
            + " '{\"interval\": \"PT1M\"}', 'skip', 60, 'test')",
        id,
        tenant,
        "s-" + id.toString().substring(0, 8),
        inputJson);
    return id;
  }

  /** origin, scheduled time, status and input of a schedule's runs, latest fire first. */
  private List<List<String>> runsOf(String tenant, UUID schedule) {
    List<List<String>> runs = new ArrayList<>();
    try (Connection c = infra.dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "select origin, scheduled_at, status, input::text from run"
                    + " where tenant_id = ? and schedule_id = ? order by scheduled_at desc")) {
      ps.setString(1, tenant);
      ps.setObject(2, schedule);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          runs.add(
              List.of(
                  rs.getString(1),
                  rs.getObject(2, OffsetDateTime.class).toInstant().toString(),
                  rs.getString(3),
                  rs.getString(4)));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return runs;
  }

  /** The events of each of the schedule's runs, by type, oldest fire first. */
  private String eventCounts(String tenant, UUID schedule) {
    try (Connection c = infra.dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "select string_agg(e.type, ',' order by r.scheduled_at, e.seq) from run r"
                    + " join run_event e on e.tenant_id = r.tenant_id and e.run_id = r.id"
                    + " where r.tenant_id = ? and r.schedule_id = ?")) {
      ps.setString(1, tenant);
      ps.setObject(2, schedule);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private void execute(String sql, Object... parameters) {
    try (Connection c = infra.dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        ps.setObject(i + 1, parameters[i]);
      }
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
