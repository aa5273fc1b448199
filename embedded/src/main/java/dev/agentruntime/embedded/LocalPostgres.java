package dev.agentruntime.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A real PostgreSQL server (zonky binaries), started as a child process. With a data directory the
 * data survives restarts; without one it is thrown away on close.
 *
 * <p>{@link #start} runs with production durability: {@code fsync=on} and {@code
 * synchronous_commit=on}. zonky turns both off by default ({@code postgres -F} and {@code
 * synchronous_commit=off}), which makes a commit cost nothing and lets a crash of the machine lose
 * acknowledged writes; anything that makes a durability or speed claim (standalone mode, the
 * end-to-end and system tests, the benchmarks) needs the real cost. Only {@link #startEphemeral},
 * for unit and Quarkus tests that claim nothing about durability, keeps zonky's fast settings.
 */
public final class LocalPostgres implements AutoCloseable {

  public static final String USER = "postgres";
  public static final String PASSWORD = "postgres";
  public static final String DATABASE = "postgres";

  private static final Pattern SETTING_NAME = Pattern.compile("[a-z_]+");

  private final EmbeddedPostgres postgres;
  private final Path dataDirectory;

  private LocalPostgres(EmbeddedPostgres postgres, Path dataDirectory) {
    this.postgres = postgres;
    this.dataDirectory = dataDirectory;
  }

  /**
   * Starts a durable server ({@code fsync} and {@code synchronous_commit} on).
   *
   * @param dataDirectory kept across restarts; {@code null} for a temporary one deleted on close
   */
  public static LocalPostgres start(int port, Path dataDirectory) {
    return start(port, dataDirectory, true, null);
  }

  /** As {@link #start(int, Path)}, with the server's output appended to {@code log}. */
  public static LocalPostgres start(int port, Path dataDirectory, Path log) {
    return start(port, dataDirectory, true, log);
  }

  /**
   * A throwaway server on any free port with {@code fsync} and {@code synchronous_commit} off:
   * fast, and a crash of the machine may lose committed data. For tests that claim nothing about
   * durability or speed.
   */
  public static LocalPostgres startEphemeral() {
    return start(Ports.free(), null, false, null);
  }

  private static LocalPostgres start(int port, Path dataDirectory, boolean durable, Path log) {
    try {
      boolean temporary = dataDirectory == null;
      Path data = temporary ? Files.createTempDirectory("epg") : dataDirectory;
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              .setPort(port)
              .setDataDirectory(data)
              .setCleanDataDirectory(temporary);
      if (log != null) {
        Files.createDirectories(log.toAbsolutePath().getParent());
        ProcessBuilder.Redirect toLog = ProcessBuilder.Redirect.appendTo(log.toFile());
        builder.setOutputRedirector(toLog).setErrorRedirector(toLog);
      }
      if (durable) {
        // zonky passes -F (fsync off) before these; a later -c wins.
        builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
      }
      return new LocalPostgres(builder.start(), data);
    } catch (IOException e) {
      throw new UncheckedIOException("PostgreSQL did not start on port " + port, e);
    }
  }

  public int port() {
    return postgres.getPort();
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + port() + "/" + DATABASE;
  }

  public Path dataDirectory() {
    return dataDirectory;
  }

  /** {@code SHOW name} on this server, e.g. {@code fsync}. */
  public String setting(String name) {
    return setting(jdbcUrl(), USER, PASSWORD, name);
  }

  /** {@code SHOW name} on any PostgreSQL server, so a test can check what a stack really runs. */
  public static String setting(String jdbcUrl, String user, String password, String name) {
    if (!SETTING_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a setting name: " + name);
    }
    try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SHOW " + name)) {
      result.next();
      return result.getString(1);
    } catch (SQLException e) {
      throw new IllegalStateException("SHOW " + name + " failed on " + jdbcUrl, e);
    }
  }

  /**
   * kill -9 of the postmaster, as in a crash: nothing is flushed or shut down cleanly, and the next
   * {@link #start} on the same data directory goes through crash recovery from the WAL. Waits until
   * the server's other processes have followed (they exit on their own when the postmaster dies; a
   * new postmaster refuses to start while they hold its shared memory), then releases this handle's
   * lock on the data directory.
   */
  public void kill() {
    ProcessHandle postmaster = postmasterPid().flatMap(ProcessHandle::of).orElseThrow();
    List<ProcessHandle> children = postmaster.children().toList();
    postmaster.destroyForcibly();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while ((postmaster.isAlive() || children.stream().anyMatch(ProcessHandle::isAlive))
        && System.nanoTime() < deadline) {
      Tools.sleep(100);
    }
    // zonky's close runs pg_ctl stop, which finds no server and says so; the lock is released.
    close();
  }

  /** The pid in the data directory's {@code postmaster.pid} (its first line), if present. */
  public Optional<Long> postmasterPid() {
    return postmasterPid(dataDirectory);
  }

  /**
   * The pid in {@code dataDirectory}'s {@code postmaster.pid}, if present: also for a server this
   * JVM did not start (the system tests find the launcher's PostgreSQL so).
   */
  public static Optional<Long> postmasterPid(Path dataDirectory) {
    try {
      Path file = dataDirectory.resolve("postmaster.pid");
      if (!Files.isRegularFile(file)) {
        return Optional.empty();
      }
      String first = Files.readAllLines(file).stream().findFirst().orElse("").trim();
      return first.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(first));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
