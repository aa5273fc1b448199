package dev.agentruntime.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Facts of a run of a phase with a document of its own ({@code --only agent-turns}, {@code
 * child-runs}), besides its figures: when and how it ran, and on how loaded a machine.
 */
record RunFacts(
    BenchOptions options,
    Instant started,
    Duration took,
    String postgresDurability,
    String loadAtStart,
    String loadAtEnd) {

  /** The clock and load average of a run that has started. */
  record Start(Instant started, String loadAtStart, long nanos) {

    static Start now() {
      return new Start(Instant.now(), BenchMain.loadAverage(), System.nanoTime());
    }

    /** The facts of the run that ends now, its stack stopped. */
    RunFacts end(BenchOptions options, String postgresDurability) {
      return new RunFacts(
          options,
          started,
          Duration.ofNanos(System.nanoTime() - nanos),
          postgresDurability,
          loadAtStart,
          BenchMain.loadAverage());
    }
  }

  /**
   * The values every such document's template names: the facts, the machine's rows and the counts
   * of the runs measured and discarded. The report adds its figures.
   */
  Map<String, Object> values(Machine machine, int warmup, int runs) {
    Map<String, Object> v = new HashMap<>();
    v.put("warmup", warmup);
    v.put("runs", runs);
    v.put("date", Formats.utc(started));
    Report.machine(v, machine);
    v.put("postgresDurability", postgresDurability);
    v.put("loadAtStart", loadAtStart);
    v.put("loadAtEnd", loadAtEnd);
    v.put("tookSeconds", took.toSeconds());
    v.put("command", options.command());
    return v;
  }

  /** Writes the document to the options' output, creating its folder. */
  void write(String markdown, PrintStream log) throws IOException {
    Path output = options.output();
    if (output.getParent() != null) {
      Files.createDirectories(output.getParent());
    }
    Files.writeString(output, markdown);
    log.println("wrote " + output + " (took " + took.toSeconds() + " s)");
  }
}
