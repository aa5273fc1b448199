package dev.agentruntime.benchmarks;

import dev.agentruntime.embedded.Ports;
import dev.agentruntime.embedded.TemporalDevServer;
import dev.agentruntime.standalone.Directories;
import dev.agentruntime.standalone.Stack;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code scripts/bench.sh --only sse}: the SSE benchmark alone (well under a minute), on a stack of
 * its own. It rewrites section 4 of the output and leaves the other sections as they are.
 */
final class SseOnly {

  private SseOnly() {}

  static void run(BenchOptions options, PrintStream log) throws Exception {
    Instant started = Instant.now();
    String loadAtStart = BenchMain.loadAverage();
    Path home = options.home();
    Directories.deleteRecursively(home.resolve("temporal"));
    Directories.deleteRecursively(home.resolve("stack"));
    SseBench.Result result;
    try (TemporalDevServer temporal =
            TemporalDevServer.start(home.resolve("temporal"), Ports.free(), Ports.free());
        Stack stack = Stack.start(BenchStack.settings(options, temporal.target()))) {
      log.println("stack up: API " + stack.apiUrl());
      result = measure(stack, options, log);
    }
    // A blank line before the heading that follows.
    String section =
        new SseReport(result, started, loadAtStart, BenchMain.loadAverage(), options.command())
                .section(Machine.current())
            + "\n";
    Path output = options.output();
    String existing = Files.exists(output) ? Files.readString(output) : "";
    Files.writeString(output, withSection(existing, section));
    log.println("wrote section 4 of " + output);
  }

  /**
   * Stops the agent worker (the bench's appends must be the runs' only events) and measures on the
   * stack's API.
   */
  static SseBench.Result measure(Stack stack, BenchOptions options, PrintStream log)
      throws Exception {
    String tenant = "bench-sse";
    String token = stack.tokens().tenantAdmin(tenant, Duration.ofHours(1));
    BenchApi api = new BenchApi(stack.apiUrl(), token);
    api.createTenant(tenant, stack.tokens().platformAdmin(Duration.ofMinutes(10)));
    // No model is ever called: the worker is stopped before any run starts.
    api.createAgent("sse", "http://127.0.0.1:9/v1");
    stack.worker().stop(Duration.ofSeconds(20));
    var infra = stack.infrastructure();
    return new SseBench(
            stack.apiUrl(),
            tenant,
            token,
            infra.jdbcUrl(),
            infra.dbUser(),
            infra.dbPassword(),
            stack.api().pid(),
            log)
        .run("sse", options.sseRuns(), options.sseStreams(), options.sseRounds());
  }

  /** The document with section 4 replaced, or inserted before "Reading the figures". */
  static String withSection(String document, String section) {
    int start = document.indexOf(SseReport.HEADING);
    if (start >= 0) {
      int end = document.indexOf("\n## ", start + SseReport.HEADING.length());
      return document.substring(0, start) + section + (end < 0 ? "" : document.substring(end + 1));
    }
    int reading = document.indexOf("## Reading the figures");
    if (reading >= 0) {
      return document.substring(0, reading) + section + document.substring(reading);
    }
    return document + "\n" + section;
  }
}
