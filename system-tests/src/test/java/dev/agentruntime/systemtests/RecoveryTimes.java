package dev.agentruntime.systemtests;

import dev.agentruntime.client.model.RunEventResponse;
import dev.agentruntime.testkit.FakeOpenAiServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How long runs took to recover from a fault, printed as {@code [recovery]} lines in the test
 * output (and so in the Maven log), because docs/durability.md reports these figures for the spec's
 * default settings. Call only after the runs have ended.
 */
final class RecoveryTimes {

  private RecoveryTimes() {}

  /** Time from {@code fault} to the end ({@code finishedAt}) of the last of {@code runIds}. */
  static Duration lastRunEnded(E2ETenant api, List<String> runIds, Instant fault) {
    Instant last = fault;
    for (String runId : runIds) {
      Instant finished = api.run(runId).getFinishedAt().toInstant();
      last = finished.isAfter(last) ? finished : last;
    }
    return Duration.between(fault, last);
  }

  /** Prints {@code [recovery] test: what S.s s}. */
  static void print(String test, String what, Duration duration) {
    System.out.printf("[recovery] %s: %s %.1f s%n", test, what, duration.toMillis() / 1000.0);
  }

  /**
   * For a worker killed at {@code kill}: the model calls in flight then (received less than {@code
   * latency} before it, so not yet answered), and how long after the kill each of those steps
   * completed on another worker and each of their runs ended. Returns the step times, sorted.
   */
  static List<Duration> interruptedSteps(
      E2ETenant api,
      List<String> runIds,
      FakeOpenAiServer model,
      Instant kill,
      Duration latency,
      String label) {
    Map<String, Instant> stepCompleted = new HashMap<>();
    Map<String, String> runOfStep = new HashMap<>();
    for (String runId : runIds) {
      for (RunEventResponse event : api.events(runId)) {
        if ("model.call.completed".equals(event.getType().getValue())) {
          String key = event.getPayload().path("idempotencyKey").asText();
          stepCompleted.put(key, event.getCreatedAt().toInstant());
          runOfStep.put(key, runId);
        }
      }
    }
    List<Duration> steps = new ArrayList<>();
    List<String> runs = new ArrayList<>();
    for (FakeOpenAiServer.Call call : model.calls()) {
      boolean inFlight =
          !call.receivedAt().isAfter(kill) && call.receivedAt().plus(latency).isAfter(kill);
      Instant completed = stepCompleted.get(call.idempotencyKey());
      if (inFlight && completed != null && completed.isAfter(kill)) {
        steps.add(Duration.between(kill, completed));
        runs.add(runOfStep.get(call.idempotencyKey()));
      }
    }
    steps.sort(null);
    if (!steps.isEmpty()) {
      print(
          "worker kill -9 " + label,
          steps.size() + " interrupted model steps completed again after (median)",
          steps.get(steps.size() / 2));
      print("worker kill -9 " + label, "... (max)", steps.get(steps.size() - 1));
      print(
          "worker kill -9 " + label,
          "their runs all ended after",
          lastRunEnded(api, runs.stream().distinct().toList(), kill));
    }
    return steps;
  }
}
