package dev.agentruntime.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Starts the {@link StackReaper} for this launcher and holds the write end of its stdin. Nothing is
 * ever written: the pipe closes when this JVM ends, however it ends, and that is the reaper's cue.
 */
final class ReaperLink {

  // Held for the JVM's life: an unreachable Process may have its streams closed by a cleaner,
  // which the reaper would read as the launcher's death.
  private static Process reaper;

  private ReaperLink() {}

  static synchronized long start(StandaloneHome home) {
    if (reaper != null) {
      throw new IllegalStateException("the reaper is already running");
    }
    List<String> command =
        List.of(
            AppProcess.javaBinary(),
            "-Xmx16m",
            "-Xss256k",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-XX:CICompilerCount=1",
            "-cp",
            codeLocation().toString(),
            StackReaper.class.getName(),
            Long.toString(ProcessHandle.current().pid()),
            home.stackPids().toString(),
            home.postgresData().toString());
    try {
      Files.createDirectories(home.logs());
      reaper =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(
                  ProcessBuilder.Redirect.appendTo(home.logs().resolve("reaper.log").toFile()))
              .start();
      return reaper.pid();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the reaper", e);
    }
  }

  /** The launcher jar, or the classes directory when run from the build. */
  static Path codeLocation() {
    try {
      return Path.of(StackReaper.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
