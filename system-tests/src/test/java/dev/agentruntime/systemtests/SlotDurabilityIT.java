package dev.agentruntime.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.client.AgentRuntimeClient;
import dev.agentruntime.client.model.RunResponse;
import dev.agentruntime.client.model.TenantPolicyRequest;
import dev.agentruntime.standalone.Stack;
import dev.agentruntime.testkit.FakeOpenAiServer;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A tenant at its concurrency cap through its worker's kill -9: the runs beyond the cap wait queued
 * (none refused), and after the kill every run finishes exactly once, one at a time, in the order
 * they were admitted. On the packaged API and worker over a real Temporal server.
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
}
