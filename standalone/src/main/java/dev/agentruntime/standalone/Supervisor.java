package dev.agentruntime.standalone;

import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Restarts the API or the worker when it dies, as a process manager would in a deployment: after 1
 * s, then 2, 4, ... up to 30 s while it keeps dying; a process that stayed up for a minute starts
 * the count again. Every exit and every return is a line on the console.
 */
final class Supervisor implements AutoCloseable {

  private static final long POLL_MILLIS = 250;
  private static final Duration FIRST_DELAY = Duration.ofSeconds(1);
  private static final Duration MAX_DELAY = Duration.ofSeconds(30);
  private static final Duration STABLE = Duration.ofMinutes(1);

  private final PrintStream console;
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean closing;

  private Supervisor(PrintStream console) {
    this.console = console;
  }

  static Supervisor start(Stack stack, PrintStream console) {
    Supervisor supervisor = new Supervisor(console);
    supervisor.watch("API", stack::api, stack::startApi);
    supervisor.watch("worker", stack::worker, stack::startNewWorker);
    return supervisor;
  }

  private void watch(String name, Supplier<AppProcess> current, Runnable restart) {
    threads.add(
        Thread.ofPlatform()
            .daemon()
            .name("supervise-" + name)
            .start(() -> supervise(name, current, restart)));
  }

  private void supervise(String name, Supplier<AppProcess> current, Runnable restart) {
    int exitsInARow = 0;
    long upSince = System.nanoTime();
    while (!closing) {
      AppProcess process = current.get();
      if (process.isAlive()) {
        if (!pause(Duration.ofMillis(POLL_MILLIS))) {
          return;
        }
        continue;
      }
      long exitedAt = System.nanoTime();
      exitsInARow = exitedAt - upSince > STABLE.toNanos() ? 1 : exitsInARow + 1;
      Duration delay = backoff(exitsInARow);
      // A Ctrl-C reaches the children too: give the launcher's own shutdown a moment to begin.
      if (!pause(Duration.ofMillis(300))) {
        return;
      }
      say(
          "%s (pid %d) exited (%s); restarting it in %d s%s",
          name,
          process.pid(),
          describeExit(process.exitCode()),
          delay.toSeconds(),
          exitsInARow > 1 ? " (exit " + exitsInARow + " in a row)" : "");
      if (!pause(delay)) {
        return;
      }
      try {
        restart.run();
        upSince = System.nanoTime();
        say(
            "%s is back (pid %d), ready %.1f s after it exited",
            name, current.get().pid(), (upSince - exitedAt) / 1e9);
      } catch (RuntimeException e) {
        if (closing) {
          return;
        }
        upSince = System.nanoTime();
        say("%s did not come back: %s", name, e.getMessage());
      }
    }
  }

  static Duration backoff(int exitsInARow) {
    long seconds = FIRST_DELAY.toSeconds() << Math.min(exitsInARow - 1, 10);
    return seconds > MAX_DELAY.toSeconds() ? MAX_DELAY : Duration.ofSeconds(seconds);
  }

  static String describeExit(int code) {
    return switch (code) {
      case 137 -> "killed, SIGKILL";
      case 143 -> "SIGTERM";
      case 130 -> "SIGINT";
      default -> code > 128 ? "signal " + (code - 128) : "exit code " + code;
    };
  }

  private void say(String format, Object... args) {
    console.printf(
        "%s [supervisor] %s%n",
        LocalTime.now().truncatedTo(ChronoUnit.SECONDS), String.format(format, args));
  }

  /** Sleeps; false if the supervisor is closing. */
  private boolean pause(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      return false;
    }
    return !closing;
  }

  /** Stops restarting; a restart under way is abandoned (the stack's close stops its process). */
  @Override
  public void close() {
    closing = true;
    threads.forEach(Thread::interrupt);
    for (Thread thread : threads) {
      try {
        thread.join(Duration.ofSeconds(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
