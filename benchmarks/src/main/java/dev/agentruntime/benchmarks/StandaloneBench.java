package dev.agentruntime.benchmarks;

import dev.agentruntime.client.model.RunResponse;
import dev.agentruntime.embedded.Ports;
import dev.agentruntime.standalone.LauncherEnvironment;
import dev.agentruntime.testkit.FakeOpenAiServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Phase 3: the standalone launcher exactly as a user starts it ({@code java -jar
 * agent-runtime-standalone.jar --api-port X --worker-port Y}, embedded everything): time until it
 * prints that it is up, and the RSS of its processes after start and after a number of runs.
 */
final class StandaloneBench {

  private static final Pattern UP =
      Pattern.compile("Agent Runtime standalone is up \\(([0-9.]+) s\\)");

  /** RSS in MiB of the launcher JVM, the API, the worker, and every other descendant. */
  record Memory(double launcher, double api, double worker, double others) {}

  record Result(
      String command,
      double wallSeconds,
      double reportedSeconds,
      Memory afterStart,
      Memory afterRuns,
      int runs,
      int runSteps,
      double runsWallSeconds,
      List<String> otherProcesses) {}

  private final Path launcherJar;
  private final Path apiApp;
  private final Path workerApp;
  private final Path home;
  private final PrintStream log;

  StandaloneBench(Path launcherJar, Path apiApp, Path workerApp, Path home, PrintStream log) {
    this.launcherJar = launcherJar;
    this.apiApp = apiApp;
    this.workerApp = workerApp;
    this.home = home;
    this.log = log;
  }

  Result run(int runs, int steps, int concurrency) throws Exception {
    int apiPort = Ports.free();
    int workerPort = Ports.free();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        List.of(
            java,
            "-Dagent-runtime.api.app=" + apiApp,
            "-Dagent-runtime.worker.app=" + workerApp,
            "-jar",
            launcherJar.toString(),
            "--api-port",
            Integer.toString(apiPort),
            "--worker-port",
            Integer.toString(workerPort));
    Files.createDirectories(home);
    Path output = home.resolve("launcher-output.txt");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    LauncherEnvironment.onOwnDefaults(builder, home);
    log.println("standalone: " + String.join(" ", command));
    long t0 = System.nanoTime();
    Process launcher = builder.start();
    try (FakeOpenAiServer model = FakeOpenAiServer.start().toolRounds(steps - 1)) {
      CompletableFuture<Double> up = new CompletableFuture<>();
      Thread reader = Thread.ofPlatform().daemon().start(() -> copyOutput(launcher, output, up));
      double reported = up.get(240, TimeUnit.SECONDS);
      double wall = (System.nanoTime() - t0) / 1e9;
      log.printf("standalone up after %.1f s (it reports %.1f s)%n", wall, reported);
      Memory afterStart = memory(launcher);

      Path tokens = home.resolve("tokens");
      BenchApi api =
          new BenchApi(
              "http://127.0.0.1:" + apiPort, Files.readString(tokens.resolve("demo.jwt")).trim());
      api.createTenant("demo", Files.readString(tokens.resolve("platform-admin.jwt")).trim());
      api.createAgent("rss", model.baseUrl());
      long r0 = System.nanoTime();
      ClosedLoop.Result done =
          ClosedLoop.run(
              concurrency,
              runs,
              i -> {
                RunResponse run = api.startRunAccepted("rss", "rss run " + i);
                RunResponse end =
                    api.awaitEnd(
                        run.getId().toString(), Duration.ofMillis(50), Duration.ofSeconds(120));
                if (end.getStatus() != RunResponse.StatusEnum.SUCCEEDED) {
                  throw new IllegalStateException("run ended " + end);
                }
              });
      double runsWall = (System.nanoTime() - r0) / 1e9;
      if (done.errors() > 0) {
        throw new IllegalStateException(
            done.errors() + " of the standalone runs failed: " + done.errorSamples());
      }
      Memory afterRuns = memory(launcher);
      List<String> others = otherProcesses(launcher);
      log.printf("standalone RSS after start %s, after %d runs %s%n", afterStart, runs, afterRuns);
      reader.interrupt();
      return new Result(
          "java -jar "
              + launcherJar.getFileName()
              + " --api-port "
              + apiPort
              + " --worker-port "
              + workerPort,
          wall,
          reported,
          afterStart,
          afterRuns,
          runs,
          steps,
          runsWall,
          others);
    } finally {
      stop(launcher);
    }
  }

  private static void copyOutput(Process launcher, Path output, CompletableFuture<Double> up) {
    try (BufferedReader in =
            new BufferedReader(
                new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8));
        var out = Files.newBufferedWriter(output)) {
      String line;
      while ((line = in.readLine()) != null) {
        out.write(line);
        out.newLine();
        out.flush();
        Matcher m = UP.matcher(line);
        if (m.find()) {
          up.complete(Double.parseDouble(m.group(1)));
        }
      }
      up.completeExceptionally(
          new IllegalStateException("launcher output ended before it was up; see " + output));
    } catch (IOException e) {
      up.completeExceptionally(e);
    }
  }

  private static Memory memory(Process launcher) {
    double api = -1;
    double worker = -1;
    double others = 0;
    for (ProcessHandle child : launcher.descendants().toList()) {
      String cmd = ProcessMemory.commandLine(child.pid());
      double rss = ProcessMemory.rssMiB(child.pid());
      if (cmd.contains("quarkus-run.jar") && cmd.contains("/api/")) {
        api = rss;
      } else if (cmd.contains("quarkus-run.jar") && cmd.contains("/worker/")) {
        worker = rss;
      } else if (rss > 0) {
        others += rss;
      }
    }
    return new Memory(ProcessMemory.rssMiB(launcher.pid()), api, worker, others);
  }

  private static List<String> otherProcesses(Process launcher) {
    List<String> names = new ArrayList<>();
    for (ProcessHandle child : launcher.descendants().toList()) {
      String cmd = ProcessMemory.commandLine(child.pid());
      if (!cmd.contains("quarkus-run.jar")) {
        Optional<String> exe = child.info().command();
        String name = exe.map(e -> Path.of(e).getFileName().toString()).orElse(cmd);
        if (!names.contains(name)) {
          names.add(name);
        }
      }
    }
    return names;
  }

  /** SIGTERM (the launcher stops its stack), then SIGKILL of whatever is left. */
  private void stop(Process launcher) {
    List<ProcessHandle> descendants = launcher.descendants().toList();
    launcher.destroy();
    try {
      if (!launcher.waitFor(60, TimeUnit.SECONDS)) {
        launcher.destroyForcibly();
        launcher.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // The launcher's reaper exits right after the launcher; give it and any straggler a moment.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (descendants.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    for (ProcessHandle child : descendants) {
      if (child.isAlive()) {
        log.println("killing leftover process " + child.pid());
        child.destroyForcibly();
      }
    }
  }
}
