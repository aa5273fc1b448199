package dev.agentruntime.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
  private static final Pattern RUN_ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");

  @Test
  void everyRunAnswered202ExecutesOnceAndErrorsLeaveNoRunBehind() throws Exception {
    try (SystemStack system = SystemStack.start("api-restart")) {
      system.model.latency(Duration.ofMillis(200)).toolRounds(1);
      ApiClient api = ApiClient.newTenant(system.stack);
      api.createAgentWithDefaults("steady", system.model.baseUrl());
      String token = system.stack.tokens().tenantAdmin(api.tenant, Duration.ofHours(1));
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

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
                        submitUntilAccepted(
                            http, system.stack.apiUrl(), token, "c" + client + "-" + i, errors));
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
  private static String submitUntilAccepted(
      HttpClient http, String apiUrl, String token, String key, AtomicInteger errors)
      throws InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(apiUrl + "/v1/runs"))
            .timeout(Duration.ofSeconds(10))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", key)
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"agentName\":\"steady\",\"input\":{\"message\":\"" + key + "\"}}"))
            .build();
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 202) {
          Matcher id = RUN_ID.matcher(response.body());
          assertThat(id.find()).as("run id in %s", response.body()).isTrue();
          return id.group(1);
        }
        assertThat(response.statusCode())
            .as("answer to %s: %s", key, response.body())
            .isGreaterThanOrEqualTo(500);
      } catch (java.io.IOException e) {
        // connection refused or reset: the API is down
      }
      errors.incrementAndGet();
      Thread.sleep(250);
    }
    throw new AssertionError("run " + key + " was never accepted");
  }
}
