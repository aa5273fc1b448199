package dev.agentruntime.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A closed-loop load: {@code clients} threads share {@code count} requests, each thread sending its
 * next request as soon as the previous one answered. Latency is per request; throughput is requests
 * completed over the wall time from the first send to the last answer.
 */
final class ClosedLoop {

  interface Request {
    /** Sends request number {@code index}; throws when it failed. */
    void send(int index) throws Exception;
  }

  record Result(long[] latencyNanos, long elapsedNanos, int errors, List<String> errorSamples) {
    double perSecond() {
      return latencyNanos.length / (elapsedNanos / 1e9);
    }

    Stats stats() {
      return Stats.of(latencyNanos);
    }
  }

  private ClosedLoop() {}

  static Result run(int clients, int count, Request request) throws InterruptedException {
    long[] latencies = new long[count];
    boolean[] ok = new boolean[count];
    AtomicInteger next = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    List<String> samples = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      Thread thread =
          Thread.ofPlatform()
              .name("bench-client-" + c)
              .start(
                  () -> {
                    try {
                      go.await();
                    } catch (InterruptedException e) {
                      return;
                    }
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                      long t0 = System.nanoTime();
                      try {
                        request.send(i);
                        latencies[i] = System.nanoTime() - t0;
                        ok[i] = true;
                      } catch (Exception e) {
                        errors.incrementAndGet();
                        if (samples.size() < 5) {
                          samples.add(e.toString());
                        }
                      }
                    }
                  });
      threads.add(thread);
    }
    long start = System.nanoTime();
    go.countDown();
    for (Thread thread : threads) {
      thread.join();
    }
    long elapsed = System.nanoTime() - start;
    int succeeded = 0;
    for (boolean b : ok) {
      succeeded += b ? 1 : 0;
    }
    long[] good = new long[succeeded];
    for (int i = 0, j = 0; i < count; i++) {
      if (ok[i]) {
        good[j++] = latencies[i];
      }
    }
    return new Result(good, elapsed, errors.get(), List.copyOf(samples));
  }
}
