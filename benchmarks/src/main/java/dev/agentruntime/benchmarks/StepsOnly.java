package dev.agentruntime.benchmarks;

import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code scripts/bench.sh --only steps}: the step-overhead phase alone (a few minutes per server),
 * on a stack of its own per server of {@code --server} ({@link ServerPass}), and on the production
 * server once per value of {@code --eager-execution}, for profiling the worker (JVM options reach
 * it through {@code JDK_JAVA_OPTIONS}). It prints section 2 of each pass, with the CPU each process
 * group used per concurrent run, and writes them to {@code steps.md} in the bench home;
 * docs/benchmarks.md is left as it is.
 */
final class StepsOnly {

  private StepsOnly() {}

  static void run(BenchOptions options, PrintStream log) throws Exception {
    String loadAtStart = BenchMain.loadAverage();
    List<String> sections = new ArrayList<>();
    for (String name : options.servers()) {
      BenchServer.Kind kind = BenchServer.Kind.of(name);
      List<String> settings =
          kind == BenchServer.Kind.POSTGRES ? options.eagerExecution() : List.of("off");
      for (String eager : settings) {
        ServerPass.Result pass =
            ServerPass.run(
                options,
                kind,
                kind == BenchServer.Kind.POSTGRES ? "activity eager execution " + eager : "",
                BenchMain.eagerConfig(eager),
                new ServerPass.Plan(false, options.steps(), options.peer()),
                log,
                null);
        String section =
            new StepSection(Map.of(TargetsSection.title(pass), pass.steps()), pass.peer(), "")
                .markdown();
        log.println(section);
        sections.add(section);
      }
    }
    log.println("load average at start → end: " + loadAtStart + " → " + BenchMain.loadAverage());
    Files.writeString(options.home().resolve("steps.md"), String.join("\n\n", sections));
  }
}
