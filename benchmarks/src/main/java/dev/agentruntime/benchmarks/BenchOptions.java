package dev.agentruntime.benchmarks;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code scripts/bench.sh} runs: every option is {@code --name value}; {@link #parse} has the
 * defaults, and docs/benchmarks.md lists them at its end.
 */
record BenchOptions(
    Path home,
    Path output,
    Path apiApp,
    Path workerApp,
    Path launcherJar,
    int clients,
    int requests,
    int admissionWarmup,
    int admissionRounds,
    List<Integer> steps,
    int sequentialRuns,
    int concurrentRuns,
    int stepWarmup,
    int concurrentWarmup,
    int rssRuns,
    boolean standalone,
    boolean peer,
    int sseStreams,
    int sseRuns,
    int sseRounds,
    int agentTurnRuns,
    int agentTurnWarmup,
    int childRunRuns,
    int childRunWarmup,
    int fairnessFlood,
    int fairnessRuns,
    int fairnessWarmup,
    List<String> servers,
    List<String> eagerExecution,
    String only,
    String command) {

  static BenchOptions parse(String[] args) {
    Map<String, String> given = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value, got " + args[i]);
      }
      given.put(args[i].substring(2), args[++i]);
    }
    BenchOptions options =
        new BenchOptions(
            Path.of(given.getOrDefault("home", "benchmarks/target/bench")).toAbsolutePath(),
            // --only agent-turns, child-runs and fairness have documents of their own
            // (AgentTurnsOnly, ChildRunsOnly, FairnessOnly).
            Path.of(given.getOrDefault("output", defaultOutput(given.get("only")))),
            Path.of(given.getOrDefault("api-app", "api/target/quarkus-app/quarkus-run.jar"))
                .toAbsolutePath(),
            Path.of(given.getOrDefault("worker-app", "worker/target/quarkus-app/quarkus-run.jar"))
                .toAbsolutePath(),
            Path.of(
                    given.getOrDefault(
                        "launcher-jar", "standalone/target/agent-runtime-standalone.jar"))
                .toAbsolutePath(),
            Integer.parseInt(given.getOrDefault("clients", "8")),
            Integer.parseInt(given.getOrDefault("requests", "1000")),
            Integer.parseInt(given.getOrDefault("admission-warmup", "200")),
            Integer.parseInt(given.getOrDefault("admission-rounds", "2")),
            Arrays.stream(given.getOrDefault("steps", "5,10").split(","))
                .map(String::trim)
                .map(Integer::parseInt)
                .toList(),
            Integer.parseInt(given.getOrDefault("sequential-runs", "10")),
            Integer.parseInt(given.getOrDefault("concurrent-runs", "20")),
            Integer.parseInt(given.getOrDefault("step-warmup", "3")),
            // Batches of concurrent runs of each kind, discarded (StepBench).
            Integer.parseInt(given.getOrDefault("concurrent-warmup", "2")),
            Integer.parseInt(given.getOrDefault("rss-runs", "50")),
            Boolean.parseBoolean(given.getOrDefault("standalone", "true")),
            // The DBOS workflow in the step-overhead phase (DbosPeer).
            Boolean.parseBoolean(given.getOrDefault("peer", "true")),
            Integer.parseInt(given.getOrDefault("sse-streams", "200")),
            Integer.parseInt(given.getOrDefault("sse-runs", "50")),
            Integer.parseInt(given.getOrDefault("sse-rounds", "20")),
            Integer.parseInt(given.getOrDefault("agent-turn-runs", "30")),
            Integer.parseInt(given.getOrDefault("agent-turn-warmup", "5")),
            Integer.parseInt(given.getOrDefault("child-run-runs", "100")),
            Integer.parseInt(given.getOrDefault("child-run-warmup", "5")),
            // The fairness phase (FairnessBench): the flooder's runs, the other tenant's measured
            // runs (idle and during the flood), its warm-up runs.
            Integer.parseInt(given.getOrDefault("fairness-flood", "300")),
            Integer.parseInt(given.getOrDefault("fairness-runs", "20")),
            Integer.parseInt(given.getOrDefault("fairness-warmup", "3")),
            // The Temporal servers sections 1 and 2 measure on, in order (BenchServer.Kind).
            list(given.getOrDefault("server", "dev,postgres")),
            // Activity eager execution on the production server: the first value is the main
            // pass's; each further value adds a pass of the step phase (ServerPass).
            list(given.getOrDefault("eager-execution", "off,on")),
            given.getOrDefault("only", "all"),
            given.getOrDefault("command", "java ... BenchMain " + String.join(" ", args)));
    given.keySet().removeAll(KNOWN);
    if (!given.isEmpty()) {
      throw new IllegalArgumentException("unknown options: " + given.keySet());
    }
    return options;
  }

  private static String defaultOutput(String only) {
    if ("agent-turns".equals(only)) {
      return AgentTurnsOnly.DEFAULT_OUTPUT;
    }
    if ("child-runs".equals(only)) {
      return ChildRunsOnly.DEFAULT_OUTPUT;
    }
    if ("fairness".equals(only)) {
      return FairnessOnly.DEFAULT_OUTPUT;
    }
    return "docs/benchmarks.md";
  }

  private static final List<String> KNOWN =
      List.of(
          "home",
          "output",
          "api-app",
          "worker-app",
          "launcher-jar",
          "clients",
          "requests",
          "admission-warmup",
          "admission-rounds",
          "steps",
          "sequential-runs",
          "concurrent-runs",
          "step-warmup",
          "concurrent-warmup",
          "rss-runs",
          "standalone",
          "peer",
          "sse-streams",
          "sse-runs",
          "sse-rounds",
          "agent-turn-runs",
          "agent-turn-warmup",
          "child-run-runs",
          "child-run-warmup",
          "fairness-flood",
          "fairness-runs",
          "fairness-warmup",
          "server",
          "eager-execution",
          "only",
          "command");

  private static List<String> list(String value) {
    return Arrays.stream(value.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
  }
}
