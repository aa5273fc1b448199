package dev.agentruntime.embedded;

/**
 * A real Temporal server run as a child process: the CLI dev server ({@link TemporalDevServer},
 * SQLite) or the production server on PostgreSQL (the testkit's {@code PostgresTemporalServer}).
 * The fault tier and the benchmarks run the same cases against either through this.
 */
public interface TemporalServer extends AutoCloseable {

  /** The gRPC target, for example {@code 127.0.0.1:7233}. */
  String target();

  /** What it is, for reports and test names ("dev server (SQLite)", "server on PostgreSQL"). */
  String description();

  long pid();

  /** SIGKILL, as in a crash: what the server committed to its database stays. */
  void kill();

  /** Starts it again on the same database and ports. */
  void restart();

  @Override
  void close();
}
