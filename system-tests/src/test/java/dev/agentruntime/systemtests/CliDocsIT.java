package dev.agentruntime.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agentctl sessions the docs show, run as written with bash against the end-to-end stack: the
 * README's first run with the CLI and docs/cli.md's complete first session. A doc that drifts from
 * the CLI fails here.
 */
@ExtendWith(E2EStack.class)
class CliDocsIT {

  @TempDir Path dir;

  @Test
  void theDocumentedFirstSessionRunsAsWritten() throws Exception {
    E2ETenant tenant = E2ETenant.newTenant(E2EStack.stack());
    Path work = Files.createDirectories(dir.resolve("session"));
    String log = runSession(Path.of("..", "docs", "cli.md"), tenant, work);
    assertThat(log).contains("run.succeeded").contains("approved");
    assertThat(Files.readString(work.resolve("demo-notes.md"))).contains("Remember the milk");
  }

  @Test
  void theReadmesFirstRunWithTheCliRunsAsWritten() throws Exception {
    E2ETenant tenant = E2ETenant.newTenant(E2EStack.stack());
    // What the README's curl sequence just before it made: an agent "notes".
    tenant.createAgentWithDefaults("notes", E2EStack.model().baseUrl());
    String log =
        runSession(
            Path.of("..", "README.md"), tenant, Files.createDirectories(dir.resolve("readme")));
    assertThat(log).contains("succeeded").contains("notes");
  }

  /**
   * Runs the {@code cli-session} block of {@code markdown} with bash (-euo pipefail) as a person
   * would, {@code agentctl} on the PATH and {@code AR}, {@code TOKEN} set; answers its output.
   */
  private String runSession(Path markdown, E2ETenant tenant, Path work) throws Exception {
    String session = DocSession.block(markdown);
    Path bin = Files.createDirectories(work.resolve("bin"));
    Path shim = bin.resolve("agentctl");
    Files.writeString(
        shim,
        "#!/usr/bin/env bash\nexec '"
            + Agentctl.java()
            + "' -jar '"
            + Agentctl.jar()
            + "' \"$@\"\n");
    Files.setPosixFilePermissions(shim, PosixFilePermissions.fromString("rwx------"));
    Path output = work.resolve("session.log");
    ProcessBuilder bash =
        new ProcessBuilder("bash", "-euo", "pipefail", "-c", session)
            .directory(work.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    new Agentctl(work.resolve("session.json"), work).prepare(bash.environment());
    bash.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    bash.environment().put("AR", E2EStack.stack().apiUrl());
    bash.environment().put("TOKEN", tenant.token());
    Process process = bash.start();
    assertThat(process.waitFor(180, TimeUnit.SECONDS)).isTrue();
    String log = Files.readString(output);
    assertThat(process.exitValue()).as(log).isZero();
    return log;
  }
}
