package dev.agentruntime.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.client.ApiException;
import dev.agentruntime.client.ApiResponse;
import dev.agentruntime.client.api.RunsApi;
import dev.agentruntime.client.model.CreateRunRequest;
import dev.agentruntime.client.model.RunResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The API is killed (SIGKILL) while clients are submitting runs. An error answer is ambiguous: the
 * run may have been committed just before the crash. Clients therefore retry with the same
 * Idempotency-Key, and the guarantee shown here is: every run that exists is one a client was
 * answered 202 for, each executes exactly once, and a repeated key never creates a second run.
 */
class ApiRestartSystemIT {

  private static final int CLIENTS = 4;
  private static final int RUNS_PER_CLIENT = 15;

  @Test
  void everyRunAnswered202ExecutesOnceAndErrorsLeaveNoRunBehind() throws Exception {
    try (SystemStack system = SystemStack.start("api-restart")) {
      system.model.latency(Duration.ofMillis(200)).toolRounds(1);
      E2ETenant api = E2ETenant.newTenant(system.stack);
      api.createAgentWithDefaults("steady", system.model.baseUrl());

      Set<String> accepted = ConcurrentHashMap.newKeySet();
      AtomicInteger errors = new AtomicInteger();
      ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
      List<Future<?>> work = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        int client = c;
        work.add(
            clients.submit(
                () -> {
                  for (int i = 0; i < RUNS_PER_CLIENT; i++) {
                    accepted.add(
                        submitUntilAccepted(api.client().runs(), "c" + client + "-" + i, errors));
                    Thread.sleep(100);
                  }
                  return null;
                }));
      }
      Thread.sleep(1500);
      system.stack.killApi();
      Thread.sleep(1000);
      system.stack.startApi();
      for (Future<?> future : work) {
        future.get();
      }
      clients.shutdown();

      assertThat(errors.get()).as("requests that hit the dead API").isPositive();
      assertThat(accepted).hasSize(CLIENTS * RUNS_PER_CLIENT);
      assertThat(api.runIds())
          .as("runs in the database")
          .containsExactlyInAnyOrderElementsOf(accepted);
      for (String runId : accepted) {
        RunChecks.succeededExactlyOnce(api, runId, 2, 1);
      }
    }
  }

  /** POSTs a run, retrying with the same key on any error, until it is answered 202. */
  private static String submitUntilAccepted(RunsApi runs, String key, AtomicInteger errors)
      throws InterruptedException {
    CreateRunRequest request = E2ETenant.runRequest("steady", key);
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        ApiResponse<RunResponse> answer = runs.startRunWithHttpInfo(request, key);
        if (answer.getStatusCode() == 202) {
          return answer.getData().getId().toString();
        }
        throw new AssertionError("answer to " + key + ": " + answer.getStatusCode());
      } catch (ApiException e) {
        // Code 0: connection refused or reset, the API is down; else an error answer of its own.
        assertThat(e.getCode())
            .as("answer to %s: %s", key, e.getResponseBody())
            .satisfiesAnyOf(
                code -> assertThat(code).isZero(),
                code -> assertThat(code).isGreaterThanOrEqualTo(500));
      }
      errors.incrementAndGet();
      Thread.sleep(250);
    }
    throw new AssertionError("run " + key + " was never accepted");
  }
}
