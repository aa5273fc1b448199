package dev.agentruntime.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.client.model.RunEventResponse;
import dev.agentruntime.testkit.FakeOpenAiServer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Assertions the system tests share: a run finished exactly once, each step's effect once. */
final class RunChecks {

  private RunChecks() {}

  /**
   * The run succeeded once, with one completed event per model step and per tool call, and the
   * artifacts of a run that made {@code toolCalls} tool calls.
   */
  static void succeededExactlyOnce(E2ETenant api, String runId, int modelSteps, int toolCalls) {
    assertThat(api.awaitEnd(runId, Duration.ofMinutes(4)).getStatus().getValue())
        .as("run %s", runId)
        .isEqualTo("succeeded");
    List<String> types = api.eventTypes(runId);
    assertThat(types).as("run %s events", runId).filteredOn("run.succeeded"::equals).hasSize(1);
    assertThat(types)
        .as("run %s events", runId)
        .filteredOn("model.call.completed"::equals)
        .hasSize(modelSteps);
    assertThat(types)
        .as("run %s events", runId)
        .filteredOn("tool.call.completed"::equals)
        .hasSize(toolCalls);
    assertThat(api.artifacts(runId)).as("run %s artifacts", runId).hasSize(toolCalls + 1);
  }

  /**
   * No model step was called again after it completed: every call the fake model server received
   * under a step's idempotency key arrived before that step's completion was recorded. Returns how
   * many calls were repeats of an interrupted (not yet completed) step.
   */
  static long noCompletedModelStepCalledAgain(
      E2ETenant api, List<String> runIds, FakeOpenAiServer model) {
    Map<String, Instant> completedAt = new HashMap<>();
    for (String runId : runIds) {
      for (RunEventResponse event : api.events(runId)) {
        if ("model.call.completed".equals(event.getType().getValue())) {
          completedAt.put(
              event.getPayload().path("idempotencyKey").asText(), event.getCreatedAt().toInstant());
        }
      }
    }
    long repeats = 0;
    Map<String, Integer> seen = new HashMap<>();
    for (FakeOpenAiServer.Call call : model.calls()) {
      Instant completed = completedAt.get(call.idempotencyKey());
      if (completed == null) {
        continue;
      }
      assertThat(call.receivedAt())
          .as("call %s under key %s after its step completed", call.number(), call.idempotencyKey())
          .isBefore(completed);
      if (seen.merge(call.idempotencyKey(), 1, Integer::sum) > 1) {
        repeats++;
      }
    }
    assertThat(completedAt.keySet())
        .as("every completed step was called")
        .isSubsetOf(seen.keySet());
    return repeats;
  }
}
