package dev.agentruntime.standalone.bench;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Section 4 of docs/benchmarks.md, live events over SSE. It carries its own run facts because it
 * can be measured alone ({@code scripts/bench.sh --only sse}), which rewrites only this section.
 */
final class SseReport extends MarkdownReport {

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

  String section() {
    line(HEADING);
    line();
    line(
        "%d concurrent `GET /v1/runs/{id}/events` streams (`Accept: text/event-stream`, JDK"
            + " HttpClient, HTTP/1.1, one connection each) on one API process, %d streams on each"
            + " of %d runs. The agent worker is stopped; the bench appends the events itself with"
            + " `append_run_event`, as the worker does (8 appending threads): %d rounds of one"
            + " `model.call.completed` per run, each round awaited on every stream before the"
            + " next, then one `run.succeeded` per run, after which every stream must end."
            + " Latency is measured to the moment the client has read the frame's `id:` line,"
            + " from the start of the append call (its durable commit included) and from the"
            + " return of that call (committed); the bench checks that every stream receives"
            + " every seq once, in order.",
        r.streams(), r.streams() / r.runs(), r.runs(), r.rounds());
    line();
    line("| | |");
    line("|---|---|");
    row(
        "date (UTC)",
        DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(started.atOffset(ZoneOffset.UTC).withNano(0)));
    row(
        "machine",
        Report.cpuModel()
            + ", "
            + Runtime.getRuntime().availableProcessors()
            + " cores, "
            + Report.memTotal()
            + "; JDK "
            + System.getProperty("java.runtime.version"));
    row(
        "API",
        "the packaged Quarkus app as a child process (`java -Xmx512m -XX:+UseSerialGC -jar"
            + " quarkus-run.jar`), embedded PostgreSQL 18 (fsync on), Temporal CLI dev server");
    row("load average at start → end", loadAtStart + " → " + loadAtEnd + " (shared machine)");
    row("command", "`" + command + "`");
    row("took", r.took().toSeconds() + " s");
    line();
    line("| delivery latency | deliveries | mean ms | p50 ms | p99 ms | max ms |");
    line("|---|---|---|---|---|---|");
    line(
        "| append call start → client (%d streams) | %d of %d | %s | **%s** | **%s** | %s |",
        r.streams(),
        r.delivered(),
        r.expected(),
        f1(r.latency().meanMs()),
        f1(r.latency().p50Ms()),
        f1(r.latency().p99Ms()),
        f1(r.latency().maxMs()));
    line(
        "| from the append's commit (call returned) → client | %d | %s | **%s** | **%s** | %s |",
        r.fromCommit().count(),
        f1(r.fromCommit().meanMs()),
        f1(r.fromCommit().p50Ms()),
        f1(r.fromCommit().p99Ms()),
        f1(r.fromCommit().maxMs()));
    line(
        "| the append call alone (commit) | %d | %s | %s | %s | %s |",
        r.appendCall().count(),
        f1(r.appendCall().meanMs()),
        f1(r.appendCall().p50Ms()),
        f1(r.appendCall().p99Ms()),
        f1(r.appendCall().maxMs()));
    line();
    line(
        "Streams ended by the server after the terminal event: %d of %d.",
        r.streamsEnded(), r.streams());
    line();
    line("| API memory | RSS MiB | heap used after a full GC, MiB |");
    line("|---|---|---|");
    line(
        "| 0 streams (%d runs created) | %s | %s |",
        r.runs(), f0(r.rssIdleMiB()), f1(r.heapIdleMiB()));
    line(
        "| %d streams open, idle | %s | %s |",
        r.streams(), f0(r.rssOpenMiB()), f1(r.heapOpenMiB()));
    line(
        "| after the rounds, streams ended | %s | %s |", f0(r.rssAfterMiB()), f1(r.heapAfterMiB()));
    line();
    line(
        "Per open stream: about %s KiB of heap ((open − 0 streams) / streams; the heap after GC is"
            + " what live objects take, `jcmd <pid> GC.run` then `GC.heap_info`). Every"
            + " delivery is one notification on the API's single `LISTEN` connection and one"
            + " indexed read per woken stream; no stream polls.",
        r.heapOpenMiB() < 0 || r.heapIdleMiB() < 0
            ? "(unknown: jcmd could not read the heap)"
            : f1((r.heapOpenMiB() - r.heapIdleMiB()) * 1024 / r.streams()));
    line();
    return md.toString();
  }

  private static String f0(double v) {
    return String.format(Locale.ROOT, "%.0f", v);
  }
}
