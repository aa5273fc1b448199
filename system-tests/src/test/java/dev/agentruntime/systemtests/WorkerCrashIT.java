package dev.agentruntime.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.client.model.ArtifactResponse;
import dev.agentruntime.client.model.RunResponse;
import dev.agentruntime.client.model.UsageTotals;
import dev.agentruntime.standalone.Stack;
import dev.agentruntime.testkit.FakeOpenAiServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(E2EStack.class)
class WorkerCrashIT {

  @Test
  void runCompletesOnANewWorkerAfterKillNineMidModelCallWithoutRepeatingCompletedSteps()
      throws Exception {
    Stack stack = E2EStack.stack();
    E2ETenant api = E2ETenant.newTenant(stack);
    // A short attempt timeout lets Temporal notice the dead worker's attempt quickly.
    api.createAgentOnOpenAi("survivor", E2EStack.model().baseUrl(), 3);
    // Step 1 (model call + tool call) completes; the model call of step 2 is held in flight.
    FakeOpenAiServer model = E2EStack.model().holdCall(2);

    String runId = api.startRun("survivor", "survive a crash");
    assertThat(model.awaitHeld(Duration.ofSeconds(60))).as("step 2 model call in flight").isTrue();
    long killedPid = stack.worker().pid();
    stack.killWorker();
    model.release();
    stack.startNewWorker();
    assertThat(stack.worker().pid()).isNotEqualTo(killedPid);

    RunResponse run = api.awaitEnd(runId, Duration.ofSeconds(90));
    assertThat(run.getStatus().getValue()).isEqualTo("succeeded");

    String workflowId = run.getWorkflowId();
    List<String> keys =
        model.calls().stream()
            .map(FakeOpenAiServer.Call::idempotencyKey)
            .filter(k -> k != null && k.startsWith(workflowId + "/"))
            .toList();
    assertThat(keys.stream().distinct().count()).as("model steps").isEqualTo(2);
    // Step 1 ran once, before the crash; only the interrupted step 2 was attempted again.
    assertThat(model.callsWithKey(keys.get(0))).isEqualTo(1);
    assertThat(model.callsWithKey(keys.get(keys.size() - 1))).isEqualTo(2);

    List<String> types = api.eventTypes(runId);
    assertThat(types).filteredOn("tool.call.completed"::equals).hasSize(1);
    assertThat(types).filteredOn("model.call.completed"::equals).hasSize(2);
    assertThat(types).filteredOn("run.succeeded"::equals).hasSize(1);
    assertThat(api.artifacts(runId))
        .extracting(ArtifactResponse::getName)
        .containsExactlyInAnyOrder("output", "notes-1.txt");

    // Usage counts each model step once, the interrupted one too, with exactly its event's tokens.
    long eventTokens =
        api.events(runId).stream()
            .filter(e -> e.getType().getValue().equals("model.call.completed"))
            .mapToLong(e -> e.getPayload().get("tokens").asLong())
            .sum();
    UsageTotals usage = api.usageByModel().getTotal();
    assertThat(usage.getCalls()).isEqualTo(2L);
    assertThat(usage.getInputTokens() + usage.getOutputTokens()).isEqualTo(eventTokens);
  }
}
