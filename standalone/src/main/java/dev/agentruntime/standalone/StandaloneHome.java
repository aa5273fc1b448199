package dev.agentruntime.standalone;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;

/**
 * {@code AGENT_RUNTIME_HOME} as one launcher owns it: a file lock held for the launcher's life (the
 * kernel releases it however the launcher ends), the data the stack keeps, and the processes a
 * previous launcher may have left.
 *
 * <pre>
 * launcher.lock        the lock; holds the owner's pid
 * stack.pids           the running stack's processes ({@link StackPids}), kept by the reaper
 * data/postgres        PostgreSQL data directory
 * data/temporal        the Temporal server's SQLite file
 * data/objects         the object store (s3proxy on the filesystem)
 * logs/, keys/, tokens/, examples/
 * </pre>
 */
final class StandaloneHome implements AutoCloseable {

  /** The home is another launcher's. */
  static final class InUseException extends RuntimeException {
    InUseException(String message) {
      super(message);
    }
  }

  private final Path root;
  private final FileChannel lockChannel;
  private final FileLock lock;

  private StandaloneHome(Path root, FileChannel lockChannel, FileLock lock) {
    this.root = root;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /** Takes the home for this process, or throws {@link InUseException}. */
  static StandaloneHome lock(Path root) {
    try {
      Files.createDirectories(root);
      Path lockFile = root.resolve("launcher.lock");
      FileChannel channel =
          FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        channel.close();
        String owner = Files.readString(lockFile).trim();
        throw new InUseException(
            "Another Agent Runtime launcher"
                + (owner.isEmpty() ? "" : " (pid " + owner + ")")
                + " is running on "
                + root
                + ". Stop it first (Ctrl-C in its terminal), or give this one its own home:"
                + " AGENT_RUNTIME_HOME=/some/other/dir ./standalone.sh");
      }
      channel.truncate(0);
      channel.write(
          ByteBuffer.wrap(
              (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
      channel.force(true);
      return new StandaloneHome(root, channel, lock);
    } catch (IOException e) {
      throw new UncheckedIOException("could not lock " + root, e);
    }
  }

  Path root() {
    return root;
  }

  Path data() {
    return root.resolve("data");
  }

  Path postgresData() {
    return data().resolve("postgres");
  }

  Path logs() {
    return root.resolve("logs");
  }

  Path stackPids() {
    return root.resolve("stack.pids");
  }

  /**
   * Stops what a launcher that died without stopping its stack left running: it waits for that
   * launcher's reaper to finish its work, then stops anything still listed. Returns how many
   * processes it found running.
   */
  int stopLeftovers(PrintStream console) {
    List<StackPids.Entry> entries = StackPids.read(stackPids());
    if (entries.isEmpty()) {
      return 0;
    }
    entries.stream()
        .filter(e -> StackPids.REAPER.equals(e.name()))
        .flatMap(e -> e.live().stream())
        .forEach(
            reaper -> {
              console.println("Waiting for the previous launcher's stack to stop ...");
              StackPids.awaitExit(reaper, Duration.ofSeconds(20));
            });
    long running = entries.stream().filter(e -> e.live().isPresent()).count();
    if (running > 0) {
      console.printf(
          "Stopped %d processes left running by a previous launcher of %s: %s%n",
          running, root, StackPids.terminate(entries, Duration.ofSeconds(10)).running());
    }
    try {
      Files.deleteIfExists(stackPids());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return (int) running;
  }

  /** {@code --fresh}: deletes everything the stack kept. */
  void deleteData() {
    Path data = data();
    try {
      Directories.deleteRecursively(data);
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + data, e);
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      lockChannel.close();
    } catch (IOException e) {
      // the kernel releases the lock with the process anyway
    }
  }
}
