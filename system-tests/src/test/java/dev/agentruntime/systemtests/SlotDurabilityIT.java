package dev.agentruntime.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentruntime.client.AgentRuntimeClient;
import dev.agentruntime.client.model.CreateScheduleRequest;
import dev.agentruntime.client.model.RunResponse;
import dev.agentruntime.client.model.ScheduleNoteRequest;
import dev.agentruntime.client.model.TenantPolicyRequest;
import dev.agentruntime.client.model.UpdateScheduleRequest;
import dev.agentruntime.standalone.Stack;
import dev.agentruntime.testkit.FakeOpenAiServer;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A tenant at its concurrency cap through its worker's kill -9: the runs beyond the cap wait queued
 * (none refused), and after the kill every run finishes exactly once, one at a time, in the order
 * they were admitted. And a run waiting on its schedule's cap starts as soon as a PATCH raises the
 * cap, not at its own poll. On the packaged API and worker over a real Temporal server.
 */
@ExtendWith(E2EStack.class)
class SlotDurabilityIT {

  @Test
  void runsWaitingForASlotStartInOrderAfterKillNineAndNoneIsLost() throws Exception {
    Stack stack = E2EStack.stack();
    E2ETenant api = E2ETenant.newTenant(stack);
    AgentRuntimeClient admin =
        AgentRuntimeClient.create(
            stack.apiUrl(), stack.tokens().platformAdmin(Duration.ofMinutes(5)));
    E2ETenant.call(
        () ->
            admin
                .tenants()
                .putTenantPolicy(api.tenant, new TenantPolicyRequest().maxConcurrentRuns(1)));
    FakeOpenAiServer model = E2EStack.model();
    api.createAgentWithDefaults("capped", model.baseUrl());
    model.holdCallsContaining("slot-first");
    try {
      String first = api.startRun("capped", "slot-first");
      assertThat(model.awaitHeld(Duration.ofSeconds(60))).as("first run in a model call").isTrue();
      List<String> waiting =
          List.of(api.startRun("capped", "slot-second"), api.startRun("capped", "slot-third"));
      for (String id : waiting) {
        RunResponse run =
            E2ETenant.call(() -> api.client().runs().getRun(UUID.fromString(id), null));
        assertThat(run.getStatus().getValue()).isEqualTo("queued");
        assertThat(run.getWaitingForSlot()).isTrue();
      }

      long killed = stack.worker().pid();
      stack.killWorker();
      model.release();
      stack.startNewWorker();
      assertThat(stack.worker().pid()).isNotEqualTo(killed);

      RunResponse one = api.awaitEnd(first, Duration.ofSeconds(120));
      RunResponse two = api.awaitEnd(waiting.get(0), Duration.ofSeconds(120));
      RunResponse three = api.awaitEnd(waiting.get(1), Duration.ofSeconds(120));
      for (RunResponse run : List.of(one, two, three)) {
        assertThat(run.getStatus().getValue()).isEqualTo("succeeded");
        assertThat(run.getWaitingForSlot()).isFalse();
        List<String> types = api.eventTypes(run.getId().toString());
        assertThat(types).filteredOn("run.started"::equals).hasSize(1);
        assertThat(types).filteredOn("run.succeeded"::equals).hasSize(1);
      }
      // One at a time, in admission order.
      assertThat(two.getStartedAt()).isAfterOrEqualTo(one.getFinishedAt());
      assertThat(three.getStartedAt()).isAfterOrEqualTo(two.getFinishedAt());
    } finally {
      model.release();
      model.holdCallsContaining("\u0000never");
    }
  }

  /**
   * How long after its admission a waiting run claims again on its own (the worker's RunSlot.POLL):
   * a start well before it was the wake-up's doing.
   */
  private static final Duration OWN_POLL = Duration.ofSeconds(30);

  @Test
  void aRunWaitingOnItsSchedulesCapStartsRightAfterAPatchRaisesIt() throws Exception {
    Stack stack = E2EStack.stack();
    E2ETenant api = E2ETenant.newTenant(stack);
    FakeOpenAiServer model = E2EStack.model();
    api.createAgentWithDefaults("capped-daily", model.baseUrl());
    UUID schedule =
        api.createSchedule(
                E2ETenant.schedule("capped-daily", "PT24H", "cap-raised")
                    .overlap(CreateScheduleRequest.OverlapEnum.ALLOW_UP_TO)
                    .maxConcurrentRuns(1))
            .getId();
    model.holdCallsContaining("cap-raised");
    try {
      E2ETenant.call(() -> api.client().schedules().triggerSchedule(schedule));
      assertThat(model.awaitHeld(Duration.ofSeconds(60))).as("first run in a model call").isTrue();
      E2ETenant.call(() -> api.client().schedules().triggerSchedule(schedule));
      await().atMost(Duration.ofSeconds(30)).until(() -> api.scheduleRuns(schedule).size() == 2);
      List<RunResponse> fired =
          api.scheduleRuns(schedule).stream()
              .sorted(Comparator.comparing(RunResponse::getCreatedAt))
              .toList();
      String first = fired.get(0).getId().toString();
      String second = fired.get(1).getId().toString();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> Boolean.TRUE.equals(api.run(second).getWaitingForSlot()));
      assertThat(api.run(second).getStatus().getValue()).isEqualTo("queued");

      E2ETenant.call(
          () ->
              api.client()
                  .schedules()
                  .updateSchedule(schedule, new UpdateScheduleRequest().maxConcurrentRuns(2)));
      await().atMost(OWN_POLL).until(() -> api.run(second).getStartedAt() != null);

      RunResponse started = api.run(second);
      assertThat(started.getWaitingForSlot()).isFalse();
      assertThat(Duration.between(started.getCreatedAt(), started.getStartedAt()))
          .as("started by the wake-up, well before its own claim %s after admission", OWN_POLL)
          .isLessThan(OWN_POLL.dividedBy(2));
      assertThat(api.run(first).getStatus().getValue())
          .as("not woken by the first run's end: it still runs")
          .isEqualTo("running");
      model.release();
      for (String id : List.of(first, second)) {
        assertThat(api.awaitEnd(id, Duration.ofSeconds(120)).getStatus().getValue())
            .isEqualTo("succeeded");
      }
    } finally {
      model.release();
      model.holdCallsContaining("\u0000never");
      E2ETenant.call(
          () ->
              api.client()
                  .schedules()
                  .pauseSchedule(schedule, new ScheduleNoteRequest().note("test over")));
    }
  }
}
