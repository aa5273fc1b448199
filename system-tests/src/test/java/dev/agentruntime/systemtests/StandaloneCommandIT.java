package dev.agentruntime.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.embedded.Ports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The README's first command on a clean home: the packaged launcher starts everything and the demo
 * succeeds.
 */
@ExtendWith(OneLauncherAtATime.class)
class StandaloneCommandIT {

  @Test
  void launcherStartsTheStackOnEmbeddedDefaultsAndTheOfflineDemoRunSucceeds() throws Exception {
    Path jar = Path.of(System.getProperty("agent-runtime.standalone.jar"));
    Path home = Path.of(System.getProperty("agent-runtime.e2e.home", "target/e2e"), "standalone");
    Path output = Files.createDirectories(home).resolve("launcher-output.txt");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    java,
                    "-Dagent-runtime.api.app=" + System.getProperty("agent-runtime.api.app"),
                    "-Dagent-runtime.worker.app=" + System.getProperty("agent-runtime.worker.app"),
                    "-jar",
                    jar.toString(),
                    "--fresh",
                    "--demo",
                    "--exit",
                    "--api-port",
                    Integer.toString(Ports.free()),
                    "--worker-port",
                    Integer.toString(Ports.free())))
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    builder.environment().put("AGENT_RUNTIME_HOME", home.toString());
    Process launcher = builder.start();

    boolean exited = launcher.waitFor(4, TimeUnit.MINUTES);
    if (!exited) {
      // Its API and worker are child processes: stop them too, or they outlive the test.
      launcher.descendants().forEach(ProcessHandle::destroyForcibly);
      launcher.destroyForcibly();
    }
    String printed = Files.readString(output);
    assertThat(exited).as("launcher exited; output:%n%s", printed).isTrue();
    assertThat(launcher.exitValue()).as("exit code; output:%n%s", printed).isZero();
    assertThat(printed)
        .contains("Agent Runtime standalone is up")
        .contains("tokens/platform-admin.jwt")
        .contains("curl -sS -X POST $AR/v1/runs")
        .containsPattern("run [0-9a-f-]{36} is succeeded")
        .contains("artifact output");
    assertThat(Files.readString(home.resolve("tokens/demo.jwt")))
        .matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
  }
}
