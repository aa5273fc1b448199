package dev.agentruntime.benchmarks;

import dev.agentruntime.client.RunEventStream;
import dev.agentruntime.client.model.RunEventResponse;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Live events: {@code streams} SSE clients on {@code runs} runs of one API process (streams spread
 * evenly over the runs), while the bench appends events with {@code append_run_event}, as the
 * worker does, {@code rounds} times one event per run. It measures the delivery latency from the
 * start of the append call (its commit included) to the moment a client has parsed the frame, and
 * the API's memory with no stream and with all of them open. The agent worker must be stopped, so
 * that the bench's appends are the runs' only events.
 */
final class SseBench {

  /** What was measured; memory as RSS and heap after a full GC (MiB). */
  record Result(
      int runs,
      int streams,
      int rounds,
      Stats latency,
      Stats fromCommit,
      Stats appendCall,
      int delivered,
      int expected,
      int streamsEnded,
      double rssIdleMiB,
      double heapIdleMiB,
      double rssOpenMiB,
      double heapOpenMiB,
      double rssAfterMiB,
      double heapAfterMiB,
      Duration took) {}

  private final String tenant;
  private final BenchApi api;
  private final String jdbcUrl;
  private final String dbUser;
  private final String dbPassword;
  private final long apiPid;
  private final PrintStream log;

  /** Append call start and end (nanoTime, after its commit) by "runId:seq". */
  private final Map<String, Long> appendedAt = new ConcurrentHashMap<>();

  private final Map<String, Long> committedAt = new ConcurrentHashMap<>();

  /** Every receipt: "runId:seq" and when the client read its id: line. */
  private record Receipt(String key, long at) {}

  private final ConcurrentLinkedQueue<Receipt> receipts = new ConcurrentLinkedQueue<>();

  SseBench(
      String apiUrl,
      String tenant,
      String token,
      String jdbcUrl,
      String dbUser,
      String dbPassword,
      long apiPid,
      PrintStream log) {
    this.tenant = tenant;
    this.api = new BenchApi(apiUrl, token);
    this.jdbcUrl = jdbcUrl;
    this.dbUser = dbUser;
    this.dbPassword = dbPassword;
    this.apiPid = apiPid;
    this.log = log;
  }

  Result run(String agentName, int runs, int streams, int rounds) throws Exception {
    long t0 = System.nanoTime();
    List<String> runIds = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      runIds.add(api.startRunAccepted(agentName, "sse " + i).getId().toString());
    }
    double[] idle = JvmMemory.afterFullGc(apiPid);
    log.printf(
        "sse: %d runs; API with 0 streams: RSS %.0f MiB, heap %.1f MiB%n", runs, idle[0], idle[1]);

    // Each stream counts down once per event it receives: its run.queued, one per round, the end.
    AtomicInteger ended = new AtomicInteger();
    AtomicInteger delivered = new AtomicInteger();
    List<CountDownLatch[]> perStream = new ArrayList<>();
    ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
    List<Future<?>> readers = new ArrayList<>();
    for (int s = 0; s < streams; s++) {
      String runId = runIds.get(s % runs);
      CountDownLatch[] seen = new CountDownLatch[rounds + 2];
      for (int i = 0; i < seen.length; i++) {
        seen[i] = new CountDownLatch(1);
      }
      perStream.add(seen);
      RunEventStream stream =
          BenchApi.call(
              "stream of run " + runId,
              () -> api.client().streamEvents(UUID.fromString(runId), null));
      readers.add(clients.submit(() -> read(runId, stream, seen, delivered, ended)));
    }
    await(perStream, 0, "the first event of every stream");
    double[] open = JvmMemory.afterFullGc(apiPid);
    log.printf("sse: %d streams open: RSS %.0f MiB, heap %.1f MiB%n", streams, open[0], open[1]);

    List<Long> appendCalls = new ArrayList<>();
    ExecutorService appenders = Executors.newFixedThreadPool(8);
    try {
      for (int round = 1; round <= rounds + 1; round++) {
        String type = round <= rounds ? "model.call.completed" : "run.succeeded";
        List<Future<Long>> calls = new ArrayList<>();
        for (String runId : runIds) {
          calls.add(appenders.submit(() -> append(runId, type)));
        }
        for (Future<Long> call : calls) {
          appendCalls.add(call.get());
        }
        await(perStream, round, "round " + round + " on every stream");
      }
    } finally {
      appenders.shutdownNow();
    }
    clients.shutdown();
    for (Future<?> reader : readers) {
      // A stream that saw a seq twice or out of order fails the bench here.
      reader.get(30, TimeUnit.SECONDS);
    }
    double[] after = JvmMemory.afterFullGc(apiPid);
    Result result =
        new Result(
            runs,
            streams,
            rounds,
            Stats.of(since(appendedAt)),
            Stats.of(since(committedAt)),
            Stats.of(appendCalls),
            delivered.get(),
            streams * (rounds + 1),
            ended.get(),
            idle[0],
            idle[1],
            open[0],
            open[1],
            after[0],
            after[1],
            Duration.ofNanos(System.nanoTime() - t0));
    log.printf(
        "sse: latency p50 %.1f ms, p99 %.1f ms over %d deliveries; %d of %d streams ended%n",
        result.latency().p50Ms(),
        result.latency().p99Ms(),
        result.delivered(),
        result.streamsEnded(),
        streams);
    return result;
  }

  /**
   * Reads one stream to its end. Frame k (k = seq - 1: run.queued is seq 1, the rounds follow)
   * releases latch k; a frame out of order or twice fails the bench rather than skewing it.
   */
  private Void read(
      String runId,
      RunEventStream stream,
      CountDownLatch[] seen,
      AtomicInteger delivered,
      AtomicInteger ended) {
    int expectedSeq = 1;
    try (stream) {
      for (RunEventResponse event = stream.next(); event != null; event = stream.next()) {
        long now = System.nanoTime();
        int seq = event.getSeq();
        if (seq != expectedSeq) {
          throw new IllegalStateException(
              "run " + runId + ": got seq " + seq + ", expected " + expectedSeq);
        }
        if (seq > 1) {
          // run.queued (seq 1) was written by the API at admission, before the stream opened.
          receipts.add(new Receipt(runId + ":" + seq, now));
          delivered.incrementAndGet();
        }
        seen[seq - 1].countDown();
        expectedSeq++;
      }
    }
    if (expectedSeq == seen.length + 1) {
      ended.incrementAndGet();
    }
    return null;
  }

  /** Appends one event as the worker does; returns the call's own duration. */
  private long append(String runId, String type) throws Exception {
    try (Connection c = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
        PreparedStatement s =
            c.prepareStatement("select append_run_event(?, ?, ?, ?, cast(? as jsonb))")) {
      s.setString(1, tenant);
      s.setObject(2, UUID.fromString(runId));
      s.setString(3, "bench/" + UUID.randomUUID());
      s.setString(4, type);
      s.setString(5, "{\"bench\": true}");
      // The seq is known before the call (appends to a run are sequential here), so the start
      // time is on record before any stream could receive the event.
      int next = nextSeq(runId);
      long start = System.nanoTime();
      appendedAt.put(runId + ":" + next, start);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        if (rs.getInt(1) != next) {
          throw new IllegalStateException("run " + runId + ": appended seq " + rs.getInt(1));
        }
      }
      long end = System.nanoTime();
      committedAt.put(runId + ":" + next, end);
      return end - start;
    }
  }

  private final Map<String, AtomicInteger> lastSeq = new ConcurrentHashMap<>();

  private int nextSeq(String runId) {
    return lastSeq.computeIfAbsent(runId, id -> new AtomicInteger(1)).incrementAndGet();
  }

  /**
   * Receipt time minus the reference time of each delivery. From the commit, a receipt can come a
   * hair before the appending thread took its clock reading; those count as 0.
   */
  private List<Long> since(Map<String, Long> reference) {
    List<Long> latencies = new ArrayList<>();
    for (Receipt receipt : receipts) {
      latencies.add(Math.max(0, receipt.at() - reference.get(receipt.key())));
    }
    return latencies;
  }

  private static void await(List<CountDownLatch[]> perStream, int index, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    for (CountDownLatch[] seen : perStream) {
      long left = deadline - System.nanoTime();
      if (!seen[index].await(Math.max(0, left), TimeUnit.NANOSECONDS)) {
        throw new IllegalStateException("timed out waiting for " + what);
      }
    }
  }
}
