package dev.agentruntime.systemtests;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Lets one test class at a time, across the tier's test JVMs, run the standalone launcher: a
 * launcher takes Temporal's usual port 7233 when it looks free, and two launchers starting side by
 * side both found it free and shared one Temporal server, each running the other's runs. The lock
 * is a file lock beside the JVMs' stack directories, held from before the class's
 * {@code @BeforeAll} to after its {@code @AfterAll}.
 */
public final class OneLauncherAtATime implements BeforeAllCallback, AfterAllCallback {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(OneLauncherAtATime.class);

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    Path e2e = Path.of(System.getProperty("agent-runtime.e2e.home", "target/e2e")).toAbsolutePath();
    Path file = Files.createDirectories(e2e.getParent()).resolve("launcher.lock");
    FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock = channel.lock(); // blocks while another JVM's class holds it
    context.getStore(NAMESPACE).put("lock", lock);
    context.getStore(NAMESPACE).put("channel", channel);
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    FileLock lock = context.getStore(NAMESPACE).remove("lock", FileLock.class);
    FileChannel channel = context.getStore(NAMESPACE).remove("channel", FileChannel.class);
    if (lock != null) {
      lock.release();
    }
    if (channel != null) {
      channel.close();
    }
  }
}
