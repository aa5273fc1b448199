package dev.agentruntime.benchmarks;

import dev.agentruntime.embedded.LocalPostgres;
import dev.agentruntime.embedded.Ports;
import dev.agentruntime.standalone.Directories;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * {@code scripts/bench.sh --only peer}: the DBOS figures of the step-overhead phase alone (a minute
 * or so), on a durable PostgreSQL of their own (fsync and synchronous commit on, as the stack's),
 * without Temporal or the stack. It prints them and writes no document: the report's comparison
 * needs the full run, where DBOS and Temporal share the machine and the PostgreSQL server.
 */
final class PeerOnly {

  private PeerOnly() {}

  static void run(BenchOptions options, PrintStream log) throws Exception {
    Path home = options.home().resolve("peer");
    Directories.deleteRecursively(home);
    try (LocalPostgres postgres =
            LocalPostgres.start(Ports.free(), home.resolve("data"), home.resolve("postgres.log"));
        DbosPeer peer =
            DbosPeer.start(postgres.jdbcUrl(), LocalPostgres.USER, LocalPostgres.PASSWORD)) {
      log.println(
          "DBOS Transact "
              + DbosPeer.version()
              + " on "
              + peer.databaseUrl()
              + " (fsync="
              + postgres.setting("fsync")
              + ", synchronous_commit="
              + postgres.setting("synchronous_commit")
              + ")");
      for (int n : options.steps()) {
        measure(peer, n, options, log);
      }
    }
  }

  /** Warm-up, then sequential runs, then concurrent ones, as {@link StepBench} does per variant. */
  static StepBench.Variant measure(DbosPeer peer, int steps, BenchOptions options, PrintStream log)
      throws InterruptedException {
    StepBench.Variant variant = StepBench.Variant.dbos(steps);
    StepBench.Runner runner = () -> peer.runOnce(steps);
    for (int i = 0; i < options.stepWarmup(); i++) {
      runner.runOnce();
    }
    for (int i = 0; i < options.sequentialRuns(); i++) {
      long t0 = System.nanoTime();
      String id = runner.runOnce();
      variant.sequential.add(System.nanoTime() - t0);
      variant.sequentialIds.add(id);
    }
    StepBench.concurrent(variant, runner, options.concurrentRuns());
    if (!variant.sequentialIds.isEmpty()) {
      String last = variant.sequentialIds.getLast();
      log.printf(
          "steps N=%d DBOS: %d steps checkpointed in workflow %s%n",
          steps, peer.checkpointedSteps(last), last);
    }
    StepBench.print(log, steps, variant, options.concurrentRuns());
    return variant;
  }
}
