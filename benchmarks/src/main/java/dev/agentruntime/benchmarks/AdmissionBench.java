package dev.agentruntime.benchmarks;

import dev.agentruntime.client.ApiResponse;
import dev.agentruntime.client.model.RunResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Phase 1: {@code POST /v1/runs} through the packaged API against a bare loop of {@code
 * WorkflowClient.start} on the same Temporal server, same clients, same count, alternating order.
 */
final class AdmissionBench {

  record Round(String first, ClosedLoop.Result api, ClosedLoop.Result bare) {}

  record Result(
      int clients,
      int requests,
      int warmup,
      List<Round> rounds,
      Stats apiPooled,
      Stats barePooled,
      double apiPerSecond,
      double barePerSecond,
      Map<String, Double> apiCpuMs,
      Map<String, Double> bareCpuMs) {

    /** Requests of each kind measured (the CPU figures cover them all). */
    int measuredRequests() {
      return requests * rounds.size();
    }

    double ratio() {
      return apiPerSecond / barePerSecond;
    }
  }

  private final BenchApi api;
  private final WorkflowClient client;
  private final String agentName;
  private final PrintStream log;
  private final Queue<String> apiWorkflowIds = new ConcurrentLinkedQueue<>();
  private final Queue<String> bareWorkflowIds = new ConcurrentLinkedQueue<>();
  private final CpuAccount cpu;
  private final Map<String, Double> apiCpuMs = new LinkedHashMap<>();
  private final Map<String, Double> bareCpuMs = new LinkedHashMap<>();

  AdmissionBench(
      BenchApi api, WorkflowClient client, String agentName, CpuAccount cpu, PrintStream log) {
    this.api = api;
    this.client = client;
    this.agentName = agentName;
    this.cpu = cpu;
    this.log = log;
  }

  /** A measured loop, with the CPU each process group used meanwhile added to {@code into}. */
  private ClosedLoop.Result accounted(Map<String, Double> into, Loop loop)
      throws InterruptedException {
    CpuAccount.Snapshot before = cpu.take();
    ClosedLoop.Result result = loop.run();
    cpu.take().millisSince(before).forEach((group, ms) -> into.merge(group, ms, Double::sum));
    return result;
  }

  private interface Loop {
    ClosedLoop.Result run() throws InterruptedException;
  }

  Result run(int clients, int requests, int warmup, int rounds) throws InterruptedException {
    log.printf("admission: warm-up %d + %d (discarded)%n", warmup, warmup);
    bare(clients, warmup);
    apiLoop(clients, warmup);
    List<Round> results = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      ClosedLoop.Result a;
      ClosedLoop.Result b;
      String first;
      if (r % 2 == 0) {
        first = "bare";
        b = accounted(bareCpuMs, () -> bare(clients, requests));
        a = accounted(apiCpuMs, () -> apiLoop(clients, requests));
      } else {
        first = "api";
        a = accounted(apiCpuMs, () -> apiLoop(clients, requests));
        b = accounted(bareCpuMs, () -> bare(clients, requests));
      }
      log.printf(
          "admission round %d: api %.0f/s (p50 %.1f ms, p99 %.1f ms, errors %d), bare %.0f/s"
              + " (p50 %.1f ms, p99 %.1f ms, errors %d)%n",
          r + 1,
          a.perSecond(),
          a.stats().p50Ms(),
          a.stats().p99Ms(),
          a.errors(),
          b.perSecond(),
          b.stats().p50Ms(),
          b.stats().p99Ms(),
          b.errors());
      results.add(new Round(first, a, b));
    }
    return new Result(
        clients,
        requests,
        warmup,
        results,
        Stats.of(pooled(results, true)),
        Stats.of(pooled(results, false)),
        throughput(results, true),
        throughput(results, false),
        Map.copyOf(apiCpuMs),
        Map.copyOf(bareCpuMs));
  }

  private ClosedLoop.Result apiLoop(int clients, int count) throws InterruptedException {
    return ClosedLoop.run(
        clients,
        count,
        i -> {
          ApiResponse<RunResponse> reply = api.startRun(agentName, "admission " + i);
          if (reply.getStatusCode() != 202) {
            throw new IllegalStateException("POST /v1/runs answered " + reply.getStatusCode());
          }
          apiWorkflowIds.add(reply.getData().getWorkflowId());
        });
  }

  private ClosedLoop.Result bare(int clients, int count) throws InterruptedException {
    return ClosedLoop.run(
        clients,
        count,
        i -> {
          String id = "bench-admission-" + UUID.randomUUID();
          WorkflowStub stub =
              client.newUntypedWorkflowStub(
                  BareWorkflows.ADMISSION_WORKFLOW_TYPE,
                  WorkflowOptions.newBuilder()
                      .setWorkflowId(id)
                      .setTaskQueue(BareWorkflows.ADMISSION_TASK_QUEUE)
                      .build());
          stub.start("admission " + i);
          bareWorkflowIds.add(id);
        });
  }

  /**
   * Terminates every workflow this phase started, so that the agent worker, started again
   * afterwards, has no backlog of admission runs to execute during the step phase.
   */
  int terminateStarted(int threads) throws InterruptedException {
    List<String> ids = new ArrayList<>(apiWorkflowIds);
    ids.addAll(bareWorkflowIds);
    // Counts only what Temporal terminated: an accepted run whose workflow never started is
    // missing.
    AtomicInteger terminated = new AtomicInteger();
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      for (String id : ids) {
        pool.submit(
            () -> {
              try {
                client.newUntypedWorkflowStub(id).terminate("benchmark admission phase over");
                terminated.incrementAndGet();
              } catch (RuntimeException e) {
                log.println("could not terminate " + id + ": " + e);
              }
            });
      }
    }
    return terminated.get();
  }

  private static long[] pooled(List<Round> rounds, boolean api) {
    return rounds.stream()
        .flatMapToLong(r -> java.util.Arrays.stream((api ? r.api() : r.bare()).latencyNanos()))
        .toArray();
  }

  private static double throughput(List<Round> rounds, boolean api) {
    long done = 0;
    long nanos = 0;
    for (Round r : rounds) {
      ClosedLoop.Result result = api ? r.api() : r.bare();
      done += result.latencyNanos().length;
      nanos += result.elapsedNanos();
    }
    return done / (nanos / 1e9);
  }
}
