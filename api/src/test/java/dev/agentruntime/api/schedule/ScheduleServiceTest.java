package dev.agentruntime.api.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentruntime.api.TestApi;
import dev.agentruntime.api.WithTemporalServerServices;
import dev.agentruntime.api.error.AlreadyExists;
import dev.agentruntime.api.error.InvalidRequest;
import dev.agentruntime.api.error.NotFound;
import dev.agentruntime.api.problem.Violation;
import dev.agentruntime.api.temporal.TemporalNotFound;
import dev.agentruntime.core.workflow.RunWorkflows;
import dev.agentruntime.core.workflow.ScheduleActions;
import dev.agentruntime.core.workflow.ScheduleFireWorkflow;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleDescription;
import jakarta.inject.Inject;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Schedules on the real Temporal server: what the API commits, Temporal holds (spec, policies,
 * action), and a crash between the two is repaired by the reconciler. No worker polls here, so a
 * fire starts its workflow and goes no further; the worker's tests run fires to their runs.
 */
@QuarkusTest
@WithTestResource(
    value = WithTemporalServerServices.class,
    scope = TestResourceScope.MATCHING_RESOURCES)
class ScheduleServiceTest {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  @Inject ScheduleService service;
  @Inject ScheduleRepository repository;
  @Inject ScheduleReconciler reconciler;
  @Inject ScheduleClient temporal;

  @Test
  void aCreatedScheduleIsTemporalsWithItsTimingPoliciesAndFireAction() {
    String tenant = tenantWithAgent();

    ScheduleResponse created =
        service.create(
            tenant,
            new CreateScheduleRequest(
                "weekday-mornings",
                "digest",
                1,
                input(),
                new ScheduleTiming("0 9 * * mon-fri", null, "Europe/Paris", null, null, "PT10S"),
                "buffer-one",
                null,
                120,
                true),
            "alice");

    assertThat(created.applied()).isTrue();
    assertThat(created.state().paused()).isFalse();
    assertThat(created.state().nextFireTimes())
        .isNotEmpty()
        .allSatisfy(
            time -> {
              ZonedDateTime local = time.atZone(PARIS);
              assertThat(local.getHour()).isEqualTo(9);
              assertThat(local.getMinute()).isZero();
              assertThat(local.getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
            });
    ScheduleDescription described = describe(tenant, created.id());
    assertThat(described.getSchedule().getSpec().getTimeZoneName()).isEqualTo("Europe/Paris");
    assertThat(described.getSchedule().getSpec().getJitter()).isEqualTo(Duration.ofSeconds(10));
    assertThat(described.getSchedule().getPolicy().getOverlap())
        .isEqualTo(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_BUFFER_ONE);
    assertThat(described.getSchedule().getPolicy().getCatchupWindow())
        .isEqualTo(Duration.ofSeconds(120));
    assertThat(described.getSchedule().getPolicy().isPauseOnFailure()).isTrue();
    ScheduleActionStartWorkflow action =
        (ScheduleActionStartWorkflow) described.getSchedule().getAction();
    assertThat(action.getWorkflowType()).isEqualTo(ScheduleFireWorkflow.TYPE);
    assertThat(action.getOptions().getTaskQueue()).isEqualTo(RunWorkflows.TASK_QUEUE);
    // Each fire, and the run it starts as a child, shares the runs' queue fairly between tenants.
    assertThat(action.getOptions().getPriority().getFairnessKey()).isEqualTo(tenant);
    assertThat(action.getArguments().get(0, ScheduleFireWorkflow.Target.class))
        .isEqualTo(new ScheduleFireWorkflow.Target(tenant, created.id()));
    assertThat(service.list(tenant, null, 100).items())
        .extracting(ScheduleResponse::name)
        .containsExactly("weekday-mornings");
  }

  @Test
  void pauseAndUnpauseAreTemporalsStateWithTheirNote() {
    String tenant = tenantWithAgent();
    UUID id = hourly(tenant, "paused-one").id();

    ScheduleResponse paused = service.pause(tenant, id, "maintenance until noon");
    ScheduleResponse unpaused = service.unpause(tenant, id, "maintenance over");

    assertThat(paused.state().paused()).isTrue();
    assertThat(paused.state().note()).isEqualTo("maintenance until noon");
    assertThat(unpaused.state().paused()).isFalse();
    assertThat(unpaused.state().note()).isEqualTo("maintenance over");
  }

  @Test
  void onAnAllowAllScheduleABackfillStartsEachFireOfItsRangeAndATriggerOneMore() throws Exception {
    String tenant = tenantWithAgent();
    UUID id =
        service
            .create(
                tenant,
                new CreateScheduleRequest(
                    "all-at-once",
                    "digest",
                    null,
                    input(),
                    hourlyTiming(),
                    "allow-all",
                    null,
                    null,
                    null),
                "alice")
            .id();
    Instant start = Instant.parse("2026-01-05T00:30:00Z");

    service.backfill(tenant, id, start, start.plus(Duration.ofHours(3)));
    service.trigger(tenant, id);

    // Three hourly fires in the range (01:00, 02:00, 03:00) and the trigger.
    awaitActions(tenant, id, 4);
    Thread.sleep(1000);
    assertThat(describe(tenant, id).getInfo().getNumActions()).isEqualTo(4);
  }

  @Test
  void onASkipScheduleABackfillRunsItsFiresOneAfterAnotherAndATriggerIsSkippedWhileBusy()
      throws Exception {
    String tenant = tenantWithAgent();
    UUID id = hourly(tenant, "one-at-a-time").id();
    Instant start = Instant.parse("2026-01-05T00:30:00Z");

    service.backfill(tenant, id, start, start.plus(Duration.ofHours(3)));
    awaitActions(tenant, id, 1);
    // No worker polls here, so the first fire never ends: the other two wait their turn, and a
    // trigger-now, under the schedule's own policy (skip), is skipped.
    service.trigger(tenant, id);
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (describe(tenant, id).getInfo().getNumActionsSkippedOverlap() < 1
        && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }

    ScheduleDescription described = describe(tenant, id);
    assertThat(described.getInfo().getNumActions()).isEqualTo(1);
    assertThat(described.getInfo().getRunningActions()).hasSize(1);
    assertThat(described.getInfo().getNumActionsSkippedOverlap()).isEqualTo(1);
  }

  private void awaitActions(String tenant, UUID id, long count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (describe(tenant, id).getInfo().getNumActions() < count && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
  }

  @Test
  void aScheduleCommittedButNeverToldToTemporalIsAppliedByTheReconciler() {
    String tenant = tenantWithAgent();
    UUID id = UUID.randomUUID();
    // The API crashed between its commit and its call to Temporal.
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                repository.insert(
                    tenant,
                    id,
                    "crashed-before-temporal",
                    "digest",
                    new ScheduleSettings(
                        null, input(), hourlyTiming(), ScheduleOverlap.SKIP, null, 60, false),
                    "alice"));
    assertThat(service.get(tenant, id).applied()).isFalse();

    reconciler.reconcile(Duration.ZERO);

    assertThat(service.get(tenant, id).applied()).isTrue();
    assertThat(describe(tenant, id).getSchedule().getSpec().getIntervals()).hasSize(1);

    // And a deletion marked but never carried out.
    QuarkusTransaction.requiringNew().run(() -> repository.markDeleted(tenant, id));
    reconciler.reconcile(Duration.ZERO);

    assertThatThrownBy(() -> describe(tenant, id)).matches(TemporalNotFound::is);
    assertThat(service.list(tenant, null, 100).items()).isEmpty();
  }

  @Test
  void aDeletedScheduleIsGoneFromTheApiAndFromTemporal() {
    String tenant = tenantWithAgent();
    UUID id = hourly(tenant, "deleted").id();

    service.delete(tenant, id);

    assertThatThrownBy(() -> service.get(tenant, id)).isInstanceOf(NotFound.class);
    assertThatThrownBy(() -> describe(tenant, id)).matches(TemporalNotFound::is);
    assertThatThrownBy(() -> service.delete(tenant, id)).isInstanceOf(NotFound.class);
  }

  @Test
  void anotherTenantsScheduleIsNotFoundAndUntouched() {
    String owner = tenantWithAgent();
    String other = tenantWithAgent();
    UUID id = hourly(owner, "mine").id();

    assertThatThrownBy(() -> service.get(other, id)).isInstanceOf(NotFound.class);
    assertThatThrownBy(() -> service.pause(other, id, "no")).isInstanceOf(NotFound.class);
    assertThatThrownBy(() -> service.trigger(other, id)).isInstanceOf(NotFound.class);
    assertThatThrownBy(() -> service.delete(other, id)).isInstanceOf(NotFound.class);
    assertThat(service.list(other, null, 100).items()).isEmpty();
    assertThat(describe(owner, id).getSchedule().getState().isPaused()).isFalse();
    assertThat(describe(owner, id).getInfo().getNumActions()).isZero();
  }

  @Test
  void anInvalidScheduleIsRefusedAndNothingIsStored() {
    String tenant = tenantWithAgent();

    assertThatThrownBy(
            () ->
                service.create(
                    tenant,
                    new CreateScheduleRequest(
                        "bad",
                        "digest",
                        null,
                        JsonNodeFactory.instance.arrayNode(),
                        new ScheduleTiming("0 9 * *", null, "+02:00", null, null, null),
                        "cancel-other",
                        null,
                        null,
                        null),
                    "alice"))
        .isInstanceOfSatisfying(
            InvalidRequest.class,
            e ->
                assertThat(e.violations())
                    .extracting(Violation::field)
                    .containsExactlyInAnyOrder(
                        "timing.cron", "timing.timeZone", "overlap", "input"));
    assertThatThrownBy(
            () ->
                service.create(
                    tenant,
                    new CreateScheduleRequest(
                        "nobodys", "nobody", null, input(), hourlyTiming(), null, null, null, null),
                    "alice"))
        .isInstanceOf(NotFound.class);
    hourly(tenant, "taken");
    assertThatThrownBy(() -> hourly(tenant, "taken")).isInstanceOf(AlreadyExists.class);
    assertThat(service.list(tenant, null, 100).items())
        .extracting(ScheduleResponse::name)
        .containsExactly("taken");
  }

  private ScheduleResponse hourly(String tenant, String name) {
    return service.create(tenant, hourlyRequest(name), "alice");
  }

  private static CreateScheduleRequest hourlyRequest(String name) {
    return new CreateScheduleRequest(
        name, "digest", null, input(), hourlyTiming(), null, null, null, null);
  }

  private static ScheduleTiming hourlyTiming() {
    return new ScheduleTiming(null, "PT1H", null, null, null, null);
  }

  private static ObjectNode input() {
    return JsonNodeFactory.instance.objectNode().put("topic", "news");
  }

  private ScheduleDescription describe(String tenant, UUID id) {
    return temporal.getHandle(ScheduleActions.scheduleId(tenant, id)).describe();
  }

  private static String tenantWithAgent() {
    String tenant = TestApi.newTenant();
    TestApi.agentWithVersion(tenant, "digest");
    return tenant;
  }
}
