package dev.agentruntime.standalone;

import dev.agentruntime.standalone.StackPids.Entry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The watchdog that stops the stack when its launcher dies, however it dies. A kill -9 of the
 * launcher runs no shutdown hook, and its children (API, worker, Redis, the Temporal server) and
 * the PostgreSQL postmaster (detached by pg_ctl) would live on holding their ports. This small JVM,
 * started by the launcher before anything else, watches it: it learns of its death from the end of
 * its stdin (a pipe only the launcher holds) or from its pid, then stops every process it saw the
 * launcher start.
 *
 * <p>It runs on the JDK alone (no library on its class path), so it starts small and fast.
 *
 * <p>Arguments: the launcher's pid, the pid file to keep ({@link StackPids}), the PostgreSQL data
 * directory or {@code -}.
 */
public final class StackReaper {

  private static final long POLL_MILLIS = 200;
  private static final Duration GRACE = Duration.ofSeconds(3);

  private final ProcessHandle launcher;
  private final Path pidFile;
  private final Path postgresData;
  private final Map<Long, Entry> tracked = new LinkedHashMap<>();

  private StackReaper(ProcessHandle launcher, Path pidFile, Path postgresData) {
    this.launcher = launcher;
    this.pidFile = pidFile;
    this.postgresData = postgresData;
  }

  public static void main(String[] args) throws Exception {
    // Ctrl-C in a terminal signals the whole process group, this JVM included; the launcher then
    // stops the stack itself, and this one must outlive it in case that shutdown is cut short.
    ignoreSignal("INT");
    ignoreSignal("HUP");
    Optional<ProcessHandle> launcher = ProcessHandle.of(Long.parseLong(args[0]));
    if (launcher.isEmpty()) {
      return;
    }
    Path postgresData = "-".equals(args[2]) ? null : Path.of(args[2]);
    new StackReaper(launcher.get(), Path.of(args[1]), postgresData).run();
    // Nothing to clean up; an orderly JVM exit would only keep the pid busy a little longer.
    System.out.flush();
    Runtime.getRuntime().halt(0);
  }

  private void run() throws InterruptedException, IOException {
    CountDownLatch stdinClosed = new CountDownLatch(1);
    Thread.ofPlatform()
        .daemon()
        .start(
            () -> {
              drain(System.in);
              stdinClosed.countDown();
            });
    Entry.of(ProcessHandle.current(), StackPids.REAPER).ifPresent(e -> tracked.put(e.pid(), e));
    while (!stdinClosed.await(POLL_MILLIS, TimeUnit.MILLISECONDS) && launcher.isAlive()) {
      if (track()) {
        StackPids.write(pidFile, tracked.values());
      }
    }
    tracked.remove(ProcessHandle.current().pid());
    Instant noticed = Instant.now();
    long t0 = System.nanoTime();
    StackPids.Outcome outcome = StackPids.terminate(tracked.values(), GRACE);
    if (!outcome.running().isEmpty()) {
      System.out.printf(
          "%s launcher %d is gone; stopped the %d processes of its stack in %.1f s: %s%s%n",
          noticed,
          launcher.pid(),
          outcome.running().size(),
          (System.nanoTime() - t0) / 1e9,
          outcome.running(),
          outcome.killed().isEmpty()
              ? ""
              : "; killed after " + GRACE.toSeconds() + " s: " + outcome.killed());
    }
    Files.deleteIfExists(pidFile);
  }

  /** Adds the launcher's new children and the postmaster; true if the set changed. */
  private boolean track() {
    boolean changed = tracked.values().removeIf(e -> e.live().isEmpty());
    for (ProcessHandle child : launcher.children().toList()) {
      if (child.pid() != ProcessHandle.current().pid() && !tracked.containsKey(child.pid())) {
        Optional<Entry> entry = Entry.of(child, name(child));
        entry.ifPresent(e -> tracked.put(e.pid(), e));
        changed |= entry.isPresent();
      }
    }
    if (postgresData != null) {
      Optional<ProcessHandle> postmaster =
          StackPids.postmasterPid(postgresData)
              .flatMap(ProcessHandle::of)
              .filter(this::startedByLauncher)
              .filter(p -> commandOf(p).contains("postgres"));
      if (postmaster.isPresent() && !tracked.containsKey(postmaster.get().pid())) {
        Optional<Entry> entry = Entry.of(postmaster.get(), StackPids.POSTGRES);
        entry.ifPresent(e -> tracked.put(e.pid(), e));
        changed |= entry.isPresent();
      }
    }
    return changed;
  }

  /**
   * A postmaster.pid left by a crash may name a pid the kernel has given to an unrelated process
   * since; only a process younger than the launcher can be its server.
   */
  private boolean startedByLauncher(ProcessHandle process) {
    Optional<Instant> launcherStart = launcher.info().startInstant();
    Optional<Instant> start = process.info().startInstant();
    return launcherStart.isPresent()
        && start.isPresent()
        && !start.get().isBefore(launcherStart.get());
  }

  private static String name(ProcessHandle process) {
    String command = commandOf(process);
    return command.isEmpty() ? "?" : Path.of(command.split(" ")[0]).getFileName().toString();
  }

  private static String commandOf(ProcessHandle process) {
    return process.info().command().or(() -> process.info().commandLine()).orElse("");
  }

  private static void drain(InputStream in) {
    byte[] buffer = new byte[256];
    try {
      while (in.read(buffer) >= 0) {
        // nothing is sent; only the end of the stream matters
      }
    } catch (IOException e) {
      // a broken pipe means the same as its end
    }
  }

  @SuppressWarnings("restriction")
  private static void ignoreSignal(String name) {
    try {
      sun.misc.Signal.handle(new sun.misc.Signal(name), sun.misc.SignalHandler.SIG_IGN);
    } catch (IllegalArgumentException e) {
      // not a signal on this platform
    }
  }
}
