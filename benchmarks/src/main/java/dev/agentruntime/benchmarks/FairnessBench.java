package dev.agentruntime.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentruntime.client.model.AgentSpec;
import dev.agentruntime.client.model.LimitsSpec;
import dev.agentruntime.client.model.RetrySpec;
import dev.agentruntime.client.model.RunResponse;
import dev.agentruntime.core.workflow.RunWorkflows;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One side of the fairness phase, on a stack whose Temporal server has task queue fairness on or
 * off: how long another tenant's run waits for its first step while one tenant floods the shared
 * worker. The wait of a run is from its admission ({@code createdAt}, the API's commit) until its
 * first {@code CallModel} activity started on a worker (the history's {@code ActivityTaskStarted}
 * time, which the server sets to the moment a worker took the task): its first workflow task and
 * its first activity both wait in the shared task queue.
 */
final class FairnessBench {

  /** The tenant that floods; {@link OwnStack} creates it. */
  static final String FLOODER = "bench-flood";

  /** The tenant whose runs are measured. */
  static final String OTHER = "bench-other";

  /** The worker's activity slots: small, so the flood is a backlog rather than parallel work. */
  static final int ACTIVITY_SLOTS = 4;

  /** The fake model's think time per call: what holds a slot, as a real LLM call would. */
  static final Duration MODEL_LATENCY = Duration.ofMillis(250);

  /** Time between two of the other tenant's runs: each meets the backlog as it is then. */
  static final Duration SPACING = Duration.ofMillis(500);

  private static final String AGENT = "answerer";
  private static final int FLOOD_CLIENTS = 8;

  /**
   * What one side measured.
   *
   * @param idleWaits the other tenant's waits, one run at a time with no flood (nanoseconds)
   * @param floodWaits its waits during the flood
   * @param floodOpenAfter the flooder's runs still open when the other tenant's last measured run
   *     was admitted: the backlog the measured runs met had not drained
   */
  record Side(boolean fairness, long[] idleWaits, long[] floodWaits, long floodOpenAfter) {}

  private final WorkflowClient client;
  private final BenchApi flooder;
  private final BenchApi other;
  private final PrintStream log;

  FairnessBench(WorkflowClient client, BenchApi flooder, BenchApi other, PrintStream log) {
    this.client = client;
    this.flooder = flooder;
    this.other = other;
    this.log = log;
  }

  /**
   * Publishes the same agent for both tenants: no tools, so each run is one model step at the fake
   * model's URL (its latency is the step's duration).
   */
  void publish(String modelBaseUrl) {
    for (BenchApi tenant : List.of(flooder, other)) {
      tenant.createAgent(
          AGENT,
          new AgentSpec()
              .instructions("Answer the user's message.")
              .model(BenchApi.model(modelBaseUrl))
              .limits(new LimitsSpec().maxSteps(5).timeoutSeconds(900))
              .retry(new RetrySpec().maxAttempts(3).attemptTimeoutSeconds(30)));
    }
  }

  /**
   * {@code warmup} runs of the other tenant (discarded) and {@code runs} one at a time on the idle
   * worker; then {@code flood} runs of the flooder, admitted as fast as eight clients can, and,
   * once they are all admitted, {@code runs} of the other tenant, one every {@link #SPACING}.
   */
  Side run(boolean fairness, int flood, int runs, int warmup) throws Exception {
    String side = fairness ? "fairness on" : "fairness off";
    for (int i = 0; i < warmup; i++) {
      waitOf(startAndAwait());
    }
    long[] idle = new long[runs];
    for (int i = 0; i < runs; i++) {
      idle[i] = waitOf(startAndAwait());
    }
    log.printf("fairness (%s): idle wait p50 %.1f ms%n", side, Stats.of(idle).p50Ms());
    floodWith(flood);
    List<RunResponse> measured = new ArrayList<>(runs);
    for (int i = 0; i < runs; i++) {
      measured.add(other.startRunAccepted(AGENT, "next run " + i));
      BenchApi.sleep(SPACING.toMillis());
    }
    long open = openRunsOf(FLOODER);
    long[] waits = new long[runs];
    for (int i = 0; i < runs; i++) {
      waits[i] = waitOf(await(measured.get(i)));
    }
    Stats s = Stats.of(waits);
    log.printf(
        "fairness (%s): flood of %d, wait p50 %.1f ms p99 %.1f ms, %d flood runs open after%n",
        side, flood, s.p50Ms(), s.p99Ms(), open);
    return new Side(fairness, idle, waits, open);
  }

  private void floodWith(int flood) throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(FLOOD_CLIENTS);
    try {
      List<Future<RunResponse>> accepted = new ArrayList<>(flood);
      for (int i = 0; i < flood; i++) {
        String message = "flood " + i;
        accepted.add(clients.submit(() -> flooder.startRunAccepted(AGENT, message)));
      }
      for (Future<RunResponse> run : accepted) {
        run.get();
      }
    } finally {
      clients.shutdown();
      clients.awaitTermination(1, TimeUnit.MINUTES);
    }
  }

  private RunResponse startAndAwait() {
    return await(other.startRunAccepted(AGENT, "idle run"));
  }

  /** Waits for the run's workflow to end; it must have succeeded. */
  private RunResponse await(RunResponse run) {
    JsonNode outcome;
    try {
      outcome =
          client
              .newUntypedWorkflowStub(run.getWorkflowId())
              .getResult(10, TimeUnit.MINUTES, JsonNode.class);
    } catch (TimeoutException e) {
      throw new IllegalStateException("run " + run.getId() + " did not end in 10 minutes", e);
    }
    if (!"succeeded".equalsIgnoreCase(outcome.path("status").asText())) {
      throw new IllegalStateException("run " + run.getId() + " ended " + outcome);
    }
    return run;
  }

  /** Admission ({@code createdAt}) → its first {@code CallModel} activity started, nanoseconds. */
  private long waitOf(RunResponse run) {
    List<HistoryEvent> events = client.fetchHistory(run.getWorkflowId()).getEvents();
    long modelCall = -1;
    for (HistoryEvent event : events) {
      if (event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED
          && modelCall < 0
          && event
              .getActivityTaskScheduledEventAttributes()
              .getActivityType()
              .getName()
              .equals("CallModel")) {
        modelCall = event.getEventId();
      } else if (event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED
          && event.getActivityTaskStartedEventAttributes().getScheduledEventId() == modelCall) {
        Instant started =
            Instant.ofEpochSecond(
                event.getEventTime().getSeconds(), event.getEventTime().getNanos());
        return Duration.between(run.getCreatedAt().toInstant(), started).toNanos();
      }
    }
    throw new IllegalStateException("run " + run.getId() + " has no CallModel started");
  }

  private long openRunsOf(String tenant) {
    return client
        .countWorkflows(
            "WorkflowType = 'AgentRunWorkflow' AND ExecutionStatus = 'Running' AND "
                + RunWorkflows.TENANT.getName()
                + " = '"
                + tenant
                + "'")
        .getCount();
  }
}
