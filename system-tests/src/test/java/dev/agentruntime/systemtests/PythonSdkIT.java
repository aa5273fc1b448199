package dev.agentruntime.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.embedded.Tools;
import dev.agentruntime.standalone.Stack;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Python SDK (clients/python) against the packaged API and worker: its integration script
 * follows a run's events while the API is killed and started again, approves the gated call and
 * checks that every event came once, in order; and the README's first session runs as written. Both
 * run in the SDK's venv ({@code scripts/install-tools.sh python-sdk}).
 */
@ExtendWith(E2EStack.class)
class PythonSdkIT {

  @Test
  void theSdkFollowsARunAcrossAnApiRestartAndApprovesItsCall() throws Exception {
    Stack stack = E2EStack.stack();
    E2ETenant tenant = E2ETenant.newTenant(stack);
    E2ETenant stranger = E2ETenant.newTenant(stack);
    tenant.createGatedAgent("sdk-gated", E2EStack.model().baseUrl());

    Process python =
        start(
            "clients/python/tests/integration/sdk_session.py",
            Map.of(
                "AR_URL", stack.apiUrl(),
                "AR_TOKEN", tenant.token(),
                "AR_OTHER_TOKEN", stranger.token(),
                "AR_AGENT", "sdk-gated"));
    StringBuilder printed = new StringBuilder();
    CountDownLatch following = new CountDownLatch(1);
    Thread reader = Thread.ofPlatform().daemon().start(() -> read(python, printed, following));

    assertThat(following.await(2, TimeUnit.MINUTES))
        .as("the script follows the run's events; output:%n%s", printed)
        .isTrue();
    stack.killApi();
    stack.startApi();
    try (Writer stdin = new OutputStreamWriter(python.getOutputStream(), StandardCharsets.UTF_8)) {
      stdin.write("RESTARTED\n");
    }

    int exit = awaitExit(python, reader);
    System.out.println("sdk_session.py:\n" + printed);
    assertThat(exit).as("sdk_session.py exit code; output:%n%s", printed).isZero();
    assertThat(printed.toString()).contains("PASS");
  }

  @Test
  void theReadmesFirstSessionRunsAsWritten() throws Exception {
    E2ETenant tenant = E2ETenant.newTenant(E2EStack.stack());
    Process python =
        start(
            "clients/python/examples/first_session.py",
            Map.of("AR", E2EStack.stack().apiUrl(), "TOKEN", tenant.token()));
    StringBuilder printed = new StringBuilder();
    Thread reader =
        Thread.ofPlatform().daemon().start(() -> read(python, printed, new CountDownLatch(1)));

    int exit = awaitExit(python, reader);
    System.out.println("first_session.py:\n" + printed);
    assertThat(exit).as("first_session.py exit code; output:%n%s", printed).isZero();
    assertThat(printed.toString())
        .contains("published gated-notes-py version 1", "approval.requested", "approving")
        .contains("status: succeeded", "artifact demo-notes.md", "saved demo-notes.md");
  }

  private static Process start(String script, Map<String, String> environment) throws IOException {
    Path work = Path.of(System.getProperty("agent-runtime.e2e.home", "target/e2e"), "python-sdk");
    Files.createDirectories(work);
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    Tools.binary("python-sdk-python").toString(),
                    "-u",
                    root().resolve(script).toString()))
            .directory(work.toFile())
            .redirectErrorStream(true);
    builder.environment().putAll(environment);
    return builder.start();
  }

  private static void read(Process process, StringBuilder printed, CountDownLatch following) {
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        synchronized (printed) {
          printed.append(line).append('\n');
        }
        if (line.equals("FOLLOWING")) {
          following.countDown();
        }
      }
    } catch (IOException e) {
      synchronized (printed) {
        printed.append("(reading the output failed: ").append(e).append(")\n");
      }
    }
  }

  private static int awaitExit(Process process, Thread reader) throws InterruptedException {
    if (!process.waitFor(4, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    reader.join(TimeUnit.SECONDS.toMillis(10));
    return process.exitValue();
  }

  private static Path root() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("clients/python"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no clients/python above " + Path.of("").toAbsolutePath());
  }
}
