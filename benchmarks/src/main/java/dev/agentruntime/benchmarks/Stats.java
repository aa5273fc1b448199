package dev.agentruntime.benchmarks;

import java.util.Arrays;
import java.util.List;

/**
 * Summary of a sample of durations (nanoseconds in, milliseconds out); nearest-rank percentiles.
 */
record Stats(
    int count,
    double meanMs,
    double p50Ms,
    double p95Ms,
    double p99Ms,
    double minMs,
    double maxMs) {

  static Stats of(long[] nanos) {
    if (nanos.length == 0) {
      return new Stats(0, 0, 0, 0, 0, 0, 0);
    }
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    double sum = 0;
    for (long n : sorted) {
      sum += n;
    }
    return new Stats(
        sorted.length,
        sum / sorted.length / 1e6,
        percentile(sorted, 50) / 1e6,
        percentile(sorted, 95) / 1e6,
        percentile(sorted, 99) / 1e6,
        sorted[0] / 1e6,
        sorted[sorted.length - 1] / 1e6);
  }

  static Stats of(List<Long> nanos) {
    return of(nanos.stream().mapToLong(Long::longValue).toArray());
  }

  /** Nearest-rank percentile of a sorted array. */
  static long percentile(long[] sorted, double p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
