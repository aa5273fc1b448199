package dev.agentruntime.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Phase 2: an N-step agent run through the API and the packaged worker against bare Temporal
 * workflows of no-op activities executed in this JVM, on the same server, and, when a peer is
 * given, a DBOS workflow of N no-op durable steps ({@link DbosPeer}). Sequential runs are
 * interleaved (agent, bare, bare with the agent's activity count, peer) so drift hits all alike.
 */
final class StepBench {

  /** One kind of run measured: wall times of the sequential and concurrent runs. */
  static final class Variant {
    final String name;
    final int activitiesPerRun;

    /** Whether its runs are Temporal workflows, with a history to break down. */
    final boolean temporal;

    final List<Long> sequential = new ArrayList<>();
    final List<String> sequentialIds = new ArrayList<>();
    long[] concurrent = new long[0];
    long concurrentMakespanNanos;
    final List<String> concurrentIds = java.util.Collections.synchronizedList(new ArrayList<>());
    final HistoryBreakdown history = new HistoryBreakdown();
    final HistoryBreakdown concurrentHistory = new HistoryBreakdown();

    /** CPU ms per process group used while its concurrent runs ran ({@link CpuAccount}). */
    Map<String, Double> concurrentCpuMs = Map.of();

    /** CPU ms per worker thread kind used while its concurrent runs ran. */
    Map<String, Double> concurrentWorkerThreadMs = Map.of();

    Variant(String name, int activitiesPerRun) {
      this(name, activitiesPerRun, true);
    }

    private Variant(String name, int activitiesPerRun, boolean temporal) {
      this.name = name;
      this.activitiesPerRun = activitiesPerRun;
      this.temporal = temporal;
    }

    /** The DBOS workflow of {@code steps} durable steps: no Temporal history. */
    static Variant dbos(int steps) {
      return new Variant("DBOS workflow, " + steps + " no-op steps", steps, false);
    }

    Stats sequentialStats() {
      return Stats.of(sequential);
    }

    Stats concurrentStats() {
      return Stats.of(concurrent);
    }
  }

  /**
   * @param warmup sequential runs of each kind discarded
   * @param concurrentWarmup batches of concurrent runs of each kind discarded
   */
  record Result(
      int steps,
      int sequentialRuns,
      int concurrentRuns,
      int warmup,
      int concurrentWarmup,
      List<Variant> variants) {
    Variant agent() {
      return variants.get(0);
    }

    Variant bare() {
      return variants.get(1);
    }

    Variant bareSameCount() {
      return variants.get(2);
    }

    /** The peer's variant, if one was measured. */
    Optional<Variant> peer() {
      return variants.stream().filter(v -> !v.temporal).findFirst();
    }
  }

  /** A run of one variant: starts it, waits for its end, returns its workflow id. */
  interface Runner {
    String runOnce();
  }

  private final BenchApi api;
  private final WorkflowClient client;
  private final DbosPeer peer;
  private final PrintStream log;
  private final CpuAccount cpu;

  /**
   * @param peer the DBOS peer to measure next to bare Temporal; {@code null} for none
   * @param cpu where the CPU of each concurrent batch is accounted
   */
  StepBench(BenchApi api, WorkflowClient client, DbosPeer peer, CpuAccount cpu, PrintStream log) {
    this.api = api;
    this.client = client;
    this.peer = peer;
    this.cpu = cpu;
    this.log = log;
  }

  Result run(
      String agentName,
      int steps,
      int sequentialRuns,
      int concurrentRuns,
      int warmup,
      int concurrentWarmup)
      throws InterruptedException {
    // startRun + N callModel + (N-1) callTool + finishRun
    int agentActivities = 2 * steps + 1;
    Variant agent = new Variant("agent run (API + worker)", agentActivities);
    Variant bare = new Variant("bare workflow, " + steps + " no-op activities", steps);
    Variant bareSame =
        new Variant("bare workflow, " + agentActivities + " no-op activities", agentActivities);
    List<Variant> variants = new ArrayList<>(List.of(agent, bare, bareSame));
    List<Runner> runners =
        new ArrayList<>(
            List.of(
                () -> agentRun(agentName, steps),
                () -> bareRun(steps),
                () -> bareRun(agentActivities)));
    if (peer != null) {
      variants.add(Variant.dbos(steps));
      runners.add(() -> peer.runOnce(steps));
    }

    log.printf("steps N=%d: warm-up %d of each (discarded)%n", steps, warmup);
    for (int i = 0; i < warmup; i++) {
      runners.forEach(Runner::runOnce);
    }
    // And concurrent batches of each, discarded: a worker's JIT compilers are still busy after a
    // few runs (a long-running one has finished), and their CPU would be charged to the measure.
    log.printf(
        "steps N=%d: warm-up %d batches of %d concurrent runs of each (discarded)%n",
        steps, concurrentWarmup, concurrentRuns);
    for (int batch = 0; batch < concurrentWarmup; batch++) {
      for (Runner runner : runners) {
        concurrent(new Variant("warm-up", 0, false), runner, concurrentRuns);
      }
    }
    for (int i = 0; i < sequentialRuns; i++) {
      for (int v = 0; v < variants.size(); v++) {
        long t0 = System.nanoTime();
        String id = runners.get(v).runOnce();
        variants.get(v).sequential.add(System.nanoTime() - t0);
        variants.get(v).sequentialIds.add(id);
      }
    }
    for (int v = 0; v < variants.size(); v++) {
      CpuAccount.Snapshot before = cpu.take();
      concurrent(variants.get(v), runners.get(v), concurrentRuns);
      CpuAccount.Snapshot after = cpu.take();
      variants.get(v).concurrentCpuMs = after.millisSince(before);
      variants.get(v).concurrentWorkerThreadMs = after.workerThreadMillisSince(before);
    }
    for (Variant variant : variants) {
      if (variant.temporal) {
        for (String id : variant.sequentialIds) {
          variant.history.add(client.fetchHistory(id).getEvents());
        }
        for (String id : variant.concurrentIds) {
          variant.concurrentHistory.add(client.fetchHistory(id).getEvents());
        }
      }
      print(log, steps, variant, concurrentRuns);
    }
    return new Result(
        steps, sequentialRuns, concurrentRuns, warmup, concurrentWarmup, List.copyOf(variants));
  }

  static void print(PrintStream log, int steps, Variant variant, int concurrentRuns) {
    log.printf(
        Locale.ROOT,
        "steps N=%d %s: sequential mean %.1f ms p50 %.1f p99 %.1f; %d concurrent mean %.1f ms"
            + " p50 %.1f p99 %.1f, all done in %.1f ms%n",
        steps,
        variant.name,
        variant.sequentialStats().meanMs(),
        variant.sequentialStats().p50Ms(),
        variant.sequentialStats().p99Ms(),
        concurrentRuns,
        variant.concurrentStats().meanMs(),
        variant.concurrentStats().p50Ms(),
        variant.concurrentStats().p99Ms(),
        variant.concurrentMakespanNanos / 1e6);
    if (!variant.concurrentCpuMs.isEmpty()) {
      StringBuilder line = new StringBuilder("  CPU ms per concurrent run:");
      variant.concurrentCpuMs.forEach(
          (group, ms) ->
              line.append(String.format(Locale.ROOT, " %s %.0f;", group, ms / concurrentRuns)));
      log.println(line);
    }
    String threads = CpuTable.threads(variant.concurrentWorkerThreadMs, concurrentRuns, 12);
    if (!threads.isEmpty()) {
      log.println("  worker threads, CPU ms per concurrent run: " + threads);
    }
  }

  /** {@code count} runs of a variant started together on platform threads; records their times. */
  static void concurrent(Variant variant, Runner runner, int count) throws InterruptedException {
    long[] latencies = new long[count];
    CountDownLatch go = new CountDownLatch(1);
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int index = i;
      threads.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    try {
                      go.await();
                      long t0 = System.nanoTime();
                      String id = runner.runOnce();
                      latencies[index] = System.nanoTime() - t0;
                      variant.concurrentIds.add(id);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    } catch (RuntimeException e) {
                      failure.compareAndSet(null, e);
                    }
                  }));
    }
    long start = System.nanoTime();
    go.countDown();
    for (Thread thread : threads) {
      thread.join();
    }
    variant.concurrentMakespanNanos = System.nanoTime() - start;
    if (failure.get() != null) {
      throw new IllegalStateException(variant.name + ": a concurrent run failed", failure.get());
    }
    variant.concurrent = latencies;
  }

  /**
   * POST /v1/runs, then waits for the run's workflow to complete through the Temporal client (a
   * long poll on the workflow id the API answered), and checks the outcome.
   */
  private String agentRun(String agentName, int steps) {
    String workflowId =
        api.startRunAccepted(agentName, "bench " + steps + " steps").getWorkflowId();
    JsonNode outcome = client.newUntypedWorkflowStub(workflowId).getResult(JsonNode.class);
    if (!"succeeded".equalsIgnoreCase(outcome.path("status").asText())
        || outcome.path("steps").asInt() != steps) {
      throw new IllegalStateException("run " + workflowId + " ended as " + outcome);
    }
    return workflowId;
  }

  private String bareRun(int activities) {
    String workflowId = "bench-steps-" + activities + "-" + UUID.randomUUID();
    BareWorkflows.StepsWorkflow workflow =
        client.newWorkflowStub(
            BareWorkflows.StepsWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(BareWorkflows.STEPS_TASK_QUEUE)
                .build());
    WorkflowClient.start(workflow::run, activities);
    int done = WorkflowStub.fromTyped(workflow).getResult(Integer.class);
    if (done != activities) {
      throw new IllegalStateException("bare workflow " + workflowId + " returned " + done);
    }
    return workflowId;
  }
}
