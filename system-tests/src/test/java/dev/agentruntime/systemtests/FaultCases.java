package dev.agentruntime.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentruntime.client.ApiException;
import dev.agentruntime.client.api.RunsApi;
import dev.agentruntime.embedded.LocalPostgres;
import dev.agentruntime.embedded.TemporalDevServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The fault tier's crash cases, run on a {@link SystemStack} of either Temporal server (the CLI dev
 * server by the classes named after each fault, the production server on PostgreSQL by {@link
 * PostgresTemporalFaultIT}): the same runs, the same crash, the same checks. Every crash is a kill
 * -9; the agents run with the spec's defaults (5 attempts, 1 s doubling to 30 s, 120 s per
 * attempt), as a user's would. Each case prints its recovery time as a {@code [recovery]} line,
 * labelled with the server.
 */
final class FaultCases {

  private FaultCases() {}

  /**
   * {@code runs} runs of 3 slow model steps and 2 tool calls each, and {@code kills} kill -9s of
   * the worker 1.5–4.5 s apart, each followed by a new worker: every run succeeds once, no run is
   * created twice, and no model step that had completed is called again, while interrupted ones
   * were (else the kills proved nothing).
   */
  static void workerKilled(SystemStack system, int runs, int kills) throws InterruptedException {
    Duration latency = Duration.ofMillis(2000);
    system.model.latency(latency).toolRounds(2);
    E2ETenant api = E2ETenant.newTenant(system.stack);
    // The spec's defaults (120 s per attempt): a killed worker's call is noticed by the missed
    // heartbeats (10 s), not by the attempt timeout, and retried on the default backoff.
    api.createAgentWithDefaults("chaos", system.model.baseUrl());
    List<String> runIds = startRuns(api, "chaos", runs);

    long seed = System.nanoTime();
    Random random = new Random(seed);
    List<Instant> killedAt = new ArrayList<>();
    for (int kill = 0; kill < kills; kill++) {
      Thread.sleep(1500 + random.nextInt(3000));
      killedAt.add(Instant.now());
      system.stack.killWorker();
      system.stack.startNewWorker();
    }

    for (String runId : runIds) {
      RunChecks.succeededExactlyOnce(api, runId, 3, 2);
    }
    assertThat(api.runIds()).as("no run created twice").hasSize(runs);
    long repeats = RunChecks.noCompletedModelStepCalledAgain(api, runIds, system.model);
    assertThat(repeats).as("interrupted model calls repeated (seed %d)", seed).isPositive();
    for (int kill = 0; kill < kills; kill++) {
      RecoveryTimes.interruptedSteps(
          api, runIds, system.model, killedAt.get(kill), latency, (kill + 1) + "/" + kills);
    }
    RecoveryTimes.print(
        label("worker kill -9", system),
        "all runs ended after the first kill",
        RecoveryTimes.lastRunEnded(api, runIds, killedAt.get(0)));
  }

  /**
   * PostgreSQL's postmaster is killed with {@code runs} runs in their first model step and stays
   * down for {@code outage}: the API answers 503 with Retry-After meanwhile and admits nothing;
   * afterwards every run admitted before succeeds once, none failed a step on the outage's account,
   * no completed model step is called again. On the PostgreSQL-backed Temporal server the crash
   * takes Temporal's databases down too.
   */
  static void postgresKilled(SystemStack system, Duration outage, int runs) throws Exception {
    system.model.latency(Duration.ofMillis(1000)).toolRounds(2);
    E2ETenant api = E2ETenant.newTenant(system.stack);
    api.createAgentWithDefaults("db-outage", system.model.baseUrl());
    List<String> runIds = startRuns(api, "db-outage", runs);
    // Into the first model step of every run, so the crash hits model and tool steps alike.
    Thread.sleep(1500);

    Instant kill = Instant.now();
    system.postgres.kill();
    RunsApi client = api.client().runs();
    assertUnavailable(
        E2ETenant.refusal(
            () ->
                client.listRuns(null, null, null, null, null, null, null, null, null, null, null)));
    assertUnavailable(
        E2ETenant.refusal(
            () -> client.startRun(E2ETenant.runRequest("db-outage", "lost?"), "during-outage")));
    given().baseUri(system.stack.apiUrl()).get("/q/health/live").then().statusCode(200);
    given().baseUri(system.stack.apiUrl()).get("/q/health/ready").then().statusCode(503);
    Thread.sleep(Math.max(0, Duration.between(Instant.now(), kill.plus(outage)).toMillis()));
    Instant back = Instant.now();
    system.postgres = LocalPostgres.start(system.postgres.port(), system.postgresData());

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                client.listRuns(null, null, null, null, null, null, null, null, null, null, null));
    // The runs admitted (202) before the crash are all there, and the refused one is not.
    assertThat(api.runIds()).containsExactlyInAnyOrderElementsOf(runIds);
    for (String runId : runIds) {
      RunChecks.succeededExactlyOnce(api, runId, 3, 2);
      // The model answered throughout: a failed model attempt could only be the database's.
      assertThat(api.eventTypes(runId))
          .as("run %s: the outage counted as the model's", runId)
          .doesNotContain("model.call.failed");
    }
    RunChecks.noCompletedModelStepCalledAgain(api, runIds, system.model);
    RecoveryTimes.print(
        label("PostgreSQL kill -9, " + outage.toSeconds() + " s", system),
        "all runs ended after the restart",
        RecoveryTimes.lastRunEnded(api, runIds, back));
  }

  /**
   * The Temporal server is killed with {@code runs} runs in flight and stays down for {@code
   * outage}; meanwhile the API keeps answering reads and admits {@code admittedDuring} more runs
   * (202 within 15 s each), which the reconciler starts once Temporal is back. Every run succeeds
   * once and no completed model step is called again.
   */
  static void temporalKilled(SystemStack system, Duration outage, int runs, int admittedDuring)
      throws InterruptedException {
    system.model.latency(Duration.ofMillis(1000)).toolRounds(1);
    E2ETenant api = E2ETenant.newTenant(system.stack);
    api.createAgentWithDefaults("temporal-outage", system.model.baseUrl());
    List<String> runIds = startRuns(api, "temporal-outage", runs);
    Thread.sleep(1500);

    Instant kill = Instant.now();
    system.temporal.kill();
    String lastStatus;
    List<Duration> answered = new ArrayList<>();
    Instant back;
    try {
      // The last run started is still in flight (the first may have ended while the others were
      // submitted).
      lastStatus = api.run(runIds.get(runIds.size() - 1)).getStatus().getValue();
      // Admission needs only PostgreSQL: a run is accepted while Temporal is down, and the
      // reconciler starts its workflow once Temporal is back.
      for (int i = 0; i < admittedDuring; i++) {
        long before = System.nanoTime();
        runIds.add(api.startRun("temporal-outage", "admitted while Temporal is down " + i));
        answered.add(Duration.ofNanos(System.nanoTime() - before));
      }
      Thread.sleep(Math.max(0, Duration.between(Instant.now(), kill.plus(outage)).toMillis()));
    } finally {
      // Up again whatever happened, so a failure here does not take the next case down too.
      back = Instant.now();
      system.temporal.restart();
    }
    assertThat(lastStatus)
        .as("the API keeps answering reads while Temporal is down")
        .isIn("queued", "running");
    assertThat(answered)
        .as("times to answer 202 while Temporal is down")
        .allSatisfy(time -> assertThat(time).isLessThan(Duration.ofSeconds(15)));

    for (String runId : runIds) {
      RunChecks.succeededExactlyOnce(api, runId, 2, 1);
    }
    assertThat(api.runIds()).as("no run lost or created twice").hasSize(runs + admittedDuring);
    RunChecks.noCompletedModelStepCalledAgain(api, runIds, system.model);
    RecoveryTimes.print(
        label("Temporal kill -9, " + outage.toSeconds() + " s", system),
        "all runs ended after the restart",
        RecoveryTimes.lastRunEnded(api, runIds, back));
  }

  /** The case's name, with the server when it is not the dev server the figures were first on. */
  static String label(String fault, SystemStack system) {
    return system.temporal instanceof TemporalDevServer
        ? fault
        : fault + " (" + system.temporal.description() + ")";
  }

  static List<String> startRuns(E2ETenant api, String agent, int count) {
    List<String> runIds = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      runIds.add(api.startRun(agent, agent + " run " + i));
    }
    return runIds;
  }

  /** A 503 problem+json that says when to retry. */
  private static void assertUnavailable(ApiException answer) {
    assertThat(answer.getCode()).isEqualTo(503);
    assertThat(answer.getResponseHeaders().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(answer.getResponseHeaders().firstValue("Retry-After")).hasValue("5");
  }
}
