package dev.agentruntime.benchmarks;

import static dev.agentruntime.benchmarks.Formats.f0;
import static dev.agentruntime.benchmarks.Formats.f1;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Section 4 of docs/benchmarks.md, live events over SSE. It carries its own run facts because it
 * can be measured alone ({@code scripts/bench.sh --only sse}), which rewrites only this section.
 */
final class SseReport {

  static final String HEADING = "## 4. Live events (SSE)";

  private final SseBench.Result r;
  private final Instant started;
  private final String loadAtStart;
  private final String loadAtEnd;
  private final String command;

  SseReport(
      SseBench.Result result,
      Instant started,
      String loadAtStart,
      String loadAtEnd,
      String command) {
    this.r = result;
    this.started = started;
    this.loadAtStart = loadAtStart;
    this.loadAtEnd = loadAtEnd;
    this.command = command;
  }

  /** The section, from its heading to its last line. */
  String section(Machine machine) {
    Map<String, Object> v = new HashMap<>();
    v.put("streams", r.streams());
    v.put("streamsPerRun", r.streams() / r.runs());
    v.put("runs", r.runs());
    v.put("rounds", r.rounds());
    v.put("date", Formats.utc(started));
    v.put("cpu", machine.cpu());
    v.put("cores", machine.cores());
    v.put("memory", machine.memory());
    v.put("jdkVersion", machine.jdkVersion());
    v.put("loadAtStart", loadAtStart);
    v.put("loadAtEnd", loadAtEnd);
    v.put("command", command);
    v.put("tookSeconds", r.took().toSeconds());
    v.put("delivered", r.delivered());
    v.put("expected", r.expected());
    latency(v, "latency", r.latency());
    latency(v, "commit", r.fromCommit());
    v.put("commitCount", r.fromCommit().count());
    latency(v, "append", r.appendCall());
    v.put("appendCount", r.appendCall().count());
    v.put("streamsEnded", r.streamsEnded());
    v.put("rssIdle", f0(r.rssIdleMiB()));
    v.put("heapIdle", f1(r.heapIdleMiB()));
    v.put("rssOpen", f0(r.rssOpenMiB()));
    v.put("heapOpen", f1(r.heapOpenMiB()));
    v.put("rssAfter", f0(r.rssAfterMiB()));
    v.put("heapAfter", f1(r.heapAfterMiB()));
    v.put(
        "heapPerStreamKiB",
        r.heapOpenMiB() < 0 || r.heapIdleMiB() < 0
            ? "(unknown: jcmd could not read the heap)"
            : f1((r.heapOpenMiB() - r.heapIdleMiB()) * 1024 / r.streams()));
    return Template.load("benchmarks-sse.md").render(v);
  }

  private static void latency(Map<String, Object> v, String prefix, Stats s) {
    v.put(prefix + "Mean", f1(s.meanMs()));
    v.put(prefix + "P50", f1(s.p50Ms()));
    v.put(prefix + "P99", f1(s.p99Ms()));
    v.put(prefix + "Max", f1(s.maxMs()));
  }
}
