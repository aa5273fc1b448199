package dev.agentruntime.benchmarks;

import com.google.protobuf.Timestamp;
import io.temporal.api.common.v1.ActivityType;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.ActivityTaskCompletedEventAttributes;
import io.temporal.api.history.v1.ActivityTaskScheduledEventAttributes;
import io.temporal.api.history.v1.ActivityTaskStartedEventAttributes;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.WorkflowTaskCompletedEventAttributes;
import io.temporal.api.history.v1.WorkflowTaskStartedEventAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fixed results of every benchmark phase, as the harness would collect them: fixed numbers, so that
 * a report rendered from them can be compared with a recorded one to the character.
 */
final class ReportFixtures {

  static final Instant STARTED = Instant.parse("2026-11-30T08:59:41.734Z");

  private ReportFixtures() {}

  static BenchOptions options(String command) {
    return BenchOptions.parse(new String[] {"--command", command});
  }

  /**
   * {@code count} durations from {@code firstMs} in steps of {@code stepMs}, shuffled by a stride.
   */
  static long[] nanos(int count, double firstMs, double stepMs) {
    long[] out = new long[count];
    for (int i = 0; i < count; i++) {
      int k = (i * 7) % count;
      out[i] = Math.round((firstMs + k * stepMs) * 1e6);
    }
    return out;
  }

  static List<Long> nanoList(int count, double firstMs, double stepMs) {
    List<Long> out = new ArrayList<>();
    for (long n : nanos(count, firstMs, stepMs)) {
      out.add(n);
    }
    return out;
  }

  static AdmissionBench.Result admission() {
    ClosedLoop.Result api1 =
        new ClosedLoop.Result(nanos(40, 120.3, 2.71), 18_900_000_000L, 0, List.of());
    ClosedLoop.Result bare1 =
        new ClosedLoop.Result(nanos(40, 80.1, 1.93), 12_650_000_000L, 0, List.of());
    ClosedLoop.Result api2 =
        new ClosedLoop.Result(nanos(40, 110.7, 3.14), 16_400_000_000L, 2, List.of("503"));
    ClosedLoop.Result bare2 =
        new ClosedLoop.Result(nanos(40, 75.4, 1.77), 11_230_000_000L, 0, List.of());
    List<AdmissionBench.Round> rounds =
        List.of(
            new AdmissionBench.Round("bare", api1, bare1),
            new AdmissionBench.Round("api", api2, bare2));
    long[] api = concat(api1.latencyNanos(), api2.latencyNanos());
    long[] bare = concat(bare1.latencyNanos(), bare2.latencyNanos());
    return new AdmissionBench.Result(
        8,
        1000,
        200,
        rounds,
        Stats.of(api),
        Stats.of(bare),
        1057.26,
        1384.9,
        cpu(18_000, 14_000, 0, 3_000, 1_000, 5_000, 200),
        cpu(16_000, 200, 0, 0, 0, 3_000, 100));
  }

  /** CPU ms per group of {@link CpuAccount#GROUPS}, in its order. */
  static Map<String, Double> cpu(double... ms) {
    Map<String, Double> cpu = new LinkedHashMap<>();
    for (int i = 0; i < ms.length; i++) {
      cpu.put(CpuAccount.GROUPS.get(i), ms[i]);
    }
    return cpu;
  }

  static List<StepBench.Result> steps() {
    // N = 5 meets the step target, N = 10 misses it.
    return List.of(stepResult(5, 1.0, 1.25), stepResult(10, 1.9, 1.42));
  }

  private static StepBench.Result stepResult(int n, double scale, double agentFactor) {
    StepBench.Variant agent =
        variant("agent run (API + worker)", 2 * n + 1, "CallModel", n, scale * agentFactor);
    StepBench.Variant bare =
        variant("bare workflow, " + n + " no-op activities", n, "Noop", n, scale);
    StepBench.Variant same =
        variant(
            "bare workflow, " + (2 * n + 1) + " no-op activities",
            2 * n + 1,
            "Noop",
            2 * n + 1,
            scale * 2.1);
    // The peer: no Temporal history, faster than bare Temporal per step.
    StepBench.Variant dbos = StepBench.Variant.dbos(n);
    for (long x : nanos(10, 61.7 * scale, 0.8 * scale)) {
      dbos.sequential.add(x);
    }
    dbos.concurrent = nanos(20, 204.9 * scale, 9.7 * scale);
    dbos.concurrentMakespanNanos = Math.round(412.6 * scale * 1e6);
    agent.concurrentCpuMs =
        cpu(2940 * scale, 480 * scale, 4380 * scale, 380 * scale, 20, 2320 * scale, 260);
    agent.concurrentWorkerThreadMs = new LinkedHashMap<>();
    agent.concurrentWorkerThreadMs.put("C2 CompilerThre", 1760 * scale);
    agent.concurrentWorkerThreadMs.put("Activity Execut", 510 * scale);
    agent.concurrentWorkerThreadMs.put("Local Activity", 350 * scale);
    agent.concurrentWorkerThreadMs.put("VM Thread", 0.0);
    bare.concurrentCpuMs = cpu(2180 * scale, 20, 20, 0, 0, 1200 * scale, 200);
    same.concurrentCpuMs = cpu(4260 * scale, 20, 20, 40, 0, 1820 * scale, 300);
    dbos.concurrentCpuMs = cpu(0, 20, 20, 500 * scale, 0, 900 * scale, 100);
    return new StepBench.Result(n, 10, 20, 3, 3, List.of(agent, bare, same, dbos));
  }

  static final String PEER =
      "DBOS Transact for Java 1.1.0-m6 in the bench JVM; its system database"
          + " `agent_runtime_dbos` on the stack's PostgreSQL server";

  private static StepBench.Variant variant(
      String name, int activitiesPerRun, String activity, int scheduled, double scale) {
    StepBench.Variant v = new StepBench.Variant(name, activitiesPerRun);
    for (long x : nanos(10, 520.4 * scale, 3.3 * scale)) {
      v.sequential.add(x);
    }
    v.concurrent = nanos(20, 2200.6 * scale, 41.9 * scale);
    v.concurrentMakespanNanos = Math.round(2517.3 * scale * 1e6);
    for (int run = 0; run < 10; run++) {
      v.history.add(history(scheduled, activity, 16.4 * scale + run, 42.2 * scale, 30.1 * scale));
    }
    for (int run = 0; run < 20; run++) {
      v.concurrentHistory.add(
          history(scheduled, activity, 299.7 * scale + run, 150.7 * scale, 121.3 * scale));
    }
    return v;
  }

  /**
   * One run's history: a workflow task, then per activity its task and the next workflow task;
   * every task waits {@code queueMs} and runs {@code workerMs} (workflow tasks {@code taskMs}).
   */
  static List<HistoryEvent> history(
      int activities, String activity, double queueMs, double taskMs, double workerMs) {
    List<HistoryEvent> events = new ArrayList<>();
    long[] clock = {1_700_000_000_000_000_000L};
    workflowTask(events, clock, queueMs, taskMs);
    for (int i = 0; i < activities; i++) {
      long scheduled = events.size() + 1;
      events.add(
          event(scheduled, clock[0], EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
              .setActivityTaskScheduledEventAttributes(
                  ActivityTaskScheduledEventAttributes.newBuilder()
                      .setActivityType(ActivityType.newBuilder().setName(activity)))
              .build());
      clock[0] += Math.round(queueMs * 1e6);
      events.add(
          event(events.size() + 1, clock[0], EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED)
              .setActivityTaskStartedEventAttributes(
                  ActivityTaskStartedEventAttributes.newBuilder().setScheduledEventId(scheduled))
              .build());
      clock[0] += Math.round(workerMs * 1e6);
      events.add(
          event(events.size() + 1, clock[0], EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED)
              .setActivityTaskCompletedEventAttributes(
                  ActivityTaskCompletedEventAttributes.newBuilder().setScheduledEventId(scheduled))
              .build());
      workflowTask(events, clock, queueMs, taskMs);
    }
    return events;
  }

  private static void workflowTask(
      List<HistoryEvent> events, long[] clock, double queueMs, double taskMs) {
    long scheduled = events.size() + 1;
    events.add(event(scheduled, clock[0], EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED).build());
    clock[0] += Math.round(queueMs * 1e6);
    events.add(
        event(events.size() + 1, clock[0], EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED)
            .setWorkflowTaskStartedEventAttributes(
                WorkflowTaskStartedEventAttributes.newBuilder().setScheduledEventId(scheduled))
            .build());
    clock[0] += Math.round(taskMs * 1e6);
    events.add(
        event(events.size() + 1, clock[0], EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)
            .setWorkflowTaskCompletedEventAttributes(
                WorkflowTaskCompletedEventAttributes.newBuilder().setScheduledEventId(scheduled))
            .build());
  }

  static HistoryEvent.Builder event(long id, long atNanos, EventType type) {
    return HistoryEvent.newBuilder()
        .setEventId(id)
        .setEventType(type)
        .setEventTime(
            Timestamp.newBuilder()
                .setSeconds(atNanos / 1_000_000_000L)
                .setNanos((int) (atNanos % 1_000_000_000L)));
  }

  static StandaloneBench.Result standalone() {
    return new StandaloneBench.Result(
        "java -jar standalone/target/agent-runtime-standalone.jar",
        10.54,
        10.03,
        new StandaloneBench.Memory(160.4, 285.2, 244.7, 178.1),
        new StandaloneBench.Memory(217.3, 1387.6, 376.2, 240.5),
        50,
        5,
        21.62,
        List.of("java", "redis-server-6.2.6-v5-linux-amd64", "temporal"));
  }

  static StandaloneBench.Memory benchStackMemory() {
    return new StandaloneBench.Memory(512.5, 430.4, 392.2, 0);
  }

  static SseBench.Result sse() {
    return new SseBench.Result(
        50,
        200,
        20,
        Stats.of(nanos(300, 20.3, 0.91)),
        Stats.of(nanos(300, 2.7, 0.83)),
        Stats.of(nanos(120, 12.1, 0.41)),
        4200,
        4200,
        200,
        374.4,
        28.93,
        387.6,
        32.51,
        396.2,
        32.64,
        Duration.ofSeconds(18, 700_000_000));
  }

  static AgentTurnsOnly.Run agentTurns() {
    AgentTurnBench.Variant builtin =
        new AgentTurnBench.Variant("built-in loop, fake model", "CallModel");
    AgentTurnBench.Variant http =
        new AgentTurnBench.Variant("http runtime, Python reference agent", "TakeTurn");
    builtin.wall.addAll(nanoList(30, 180.2, 2.3));
    http.wall.addAll(nanoList(30, 221.9, 3.1));
    for (int run = 0; run < 30; run++) {
      builtin.history.add(history(2, "CallModel", 15.2 + run % 4, 38.1, 22.7 + run % 5));
      http.history.add(history(2, "TakeTurn", 16.1 + run % 3, 39.4, 41.3 + run % 7));
    }
    EndpointProbes.Result probes =
        new EndpointProbes.Result(
            30,
            nanoList(30, 1.21, 0.05),
            nanoList(30, 1.07, 0.04),
            nanoList(30, 0.93, 0.03),
            nanoList(30, 14.8, 0.6),
            nanoList(30, 17.2, 0.7));
    AgentTurnBench.Result result = new AgentTurnBench.Result(30, 5, builtin, http, probes);
    return new AgentTurnsOnly.Run(
        new RunFacts(
            options("scripts/bench.sh --only agent-turns"),
            STARTED,
            Duration.ofSeconds(74, 300_000_000),
            "fsync=on, synchronous_commit=on (SHOW on the stack's database)",
            "1.85 / 2.12 / 2.71",
            "4.57 / 2.52 / 2.64"),
        "Python 3.12.8, pydantic-ai-slim==1.0.15",
        result);
  }

  private static long[] concat(long[] a, long[] b) {
    long[] out = new long[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
