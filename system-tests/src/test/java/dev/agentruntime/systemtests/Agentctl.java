package dev.agentruntime.systemtests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * agentctl as a person or a script runs it: the packaged jar ({@code cli/target/agentctl.jar}) in a
 * process of its own, with its own config file ({@code AGENTCTL_CONFIG}) and environment.
 */
final class Agentctl {

  record Result(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  static Path jar() {
    Path jar = Path.of(System.getProperty("agent-runtime.cli.jar", "../cli/target/agentctl.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: build with -pl system-tests -am");
    }
    return jar.toAbsolutePath();
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private final Path config;
  private final Path workDir;
  private final Map<String, String> env = new HashMap<>();

  Agentctl(Path config, Path workDir) {
    this.config = config;
    this.workDir = workDir;
  }

  Agentctl env(String name, String value) {
    env.put(name, value);
    return this;
  }

  Path config() {
    return config;
  }

  /** Runs {@code args} to its end (at most two minutes), stdin closed unless given. */
  Result run(String... args) {
    return runWithStdin(null, args);
  }

  Result runWithStdin(String stdin, String... args) {
    try {
      Path out = Files.createTempFile(workDir, "out", ".txt");
      Path err = Files.createTempFile(workDir, "err", ".txt");
      Process process = start(out, err, stdin, args);
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("agentctl " + String.join(" ", args) + " did not end in 2 min");
      }
      return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Starts {@code args}; its stdout and stderr go to {@code out} and {@code err}. */
  Process start(Path out, Path err, String stdin, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(java(), "-jar", jar().toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    prepare(builder.environment());
    Process process = builder.start();
    if (stdin != null) {
      process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    process.getOutputStream().close();
    return process;
  }

  /** The environment of a process: this one's without any AGENTCTL_*, then the config and env. */
  void prepare(Map<String, String> environment) {
    environment.keySet().removeIf(name -> name.startsWith("AGENTCTL_"));
    environment.put("AGENTCTL_CONFIG", config.toString());
    environment.putAll(env);
  }
}
