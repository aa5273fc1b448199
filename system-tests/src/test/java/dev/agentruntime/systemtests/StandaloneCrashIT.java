package dev.agentruntime.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.client.model.ArtifactResponse;
import dev.agentruntime.embedded.DevTokens;
import dev.agentruntime.embedded.LocalPostgres;
import dev.agentruntime.embedded.LocalS3;
import dev.agentruntime.embedded.Ports;
import dev.agentruntime.standalone.StackReaper;
import dev.agentruntime.testkit.FakeOpenAiServer;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a user tries first with a durable execution kernel: break the one-command stack. The
 * launcher runs exactly as {@code ./standalone.sh} runs it, with its defaults (the real Temporal
 * server, data under its home), and the agent's model answers slowly so that there is always
 * something in flight to break. The steps share one home and build on each other, as a user's
 * session would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(OneLauncherAtATime.class)
class StandaloneCrashIT {

  private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
  private static final Pattern S3_ENDPOINT = Pattern.compile("S3\\s+(http://\\S+)");
  private static final Pattern POSTGRES_URL =
      Pattern.compile("PostgreSQL\\s+(jdbc:postgresql://\\S+)");

  private final Path home =
      Path.of(System.getProperty("agent-runtime.e2e.home", "target/e2e"), "standalone-crash")
          .toAbsolutePath();
  private final int apiPort = Ports.free();
  private final int workerPort = Ports.free();
  private final FakeOpenAiServer model =
      FakeOpenAiServer.start().latency(Duration.ofMillis(1500)).toolRounds(2);
  private LauncherProcess launcher;
  private E2ETenant api;
  private String runBeforeTheCrashes;
  private String runKilledWorker;

  @BeforeAll
  void startOnAFreshHome() {
    launcher = launch("launcher-1.txt", "--fresh");
    double up = launcher.awaitUp(START_TIMEOUT);
    assertThat(launcher.output()).contains("--fresh: deleted " + home.resolve("data"));
    // Printed after the "is up" line, so it may not have arrived yet.
    launcher.awaitLine(
        Pattern.compile(Pattern.quote("(embedded Temporal server, data kept in")),
        Duration.ofSeconds(10));
    report("launcher start, fresh home: %.1f s", up);
    api = E2ETenant.newTenant(apiUrl(), DevTokens.inDirectory(home.resolve("keys")));
    // Attempts of 5 s: a step abandoned by a dead worker is retried soon after.
    api.createAgentOnOpenAi("slow", model.baseUrl(), 5, 20);
    runBeforeTheCrashes = api.startRun("slow", "before the crashes");
    assertThat(api.awaitEnd(runBeforeTheCrashes, Duration.ofMinutes(2)).getStatus().getValue())
        .isEqualTo("succeeded");
  }

  @AfterAll
  void leaveNothingRunning() {
    if (launcher != null) {
      launcher.close();
    }
    model.close();
  }

  @Test
  @Order(1)
  void secondLauncherOnTheSameHomeIsRefusedWithAClearMessage() throws Exception {
    try (LauncherProcess second =
        LauncherProcess.start(
            home,
            "launcher-second.txt",
            "--api-port",
            Integer.toString(Ports.free()),
            "--worker-port",
            Integer.toString(Ports.free()))) {
      assertThat(second.awaitExit(Duration.ofSeconds(60))).isTrue();
      assertThat(second.exitCode()).isEqualTo(3);
      assertThat(second.output())
          .contains(
              "Another Agent Runtime launcher (pid " + launcher.pid() + ") is running on " + home);
    }
    assertThat(api.run(runBeforeTheCrashes).getStatus().getValue()).isEqualTo("succeeded");
  }

  @Test
  @Order(2)
  void launcherDatabaseCommitsWithFsyncAndSynchronousCommitOn() {
    String jdbcUrl = launcher.awaitLine(POSTGRES_URL, Duration.ofSeconds(10)).group(1);
    assertThat(setting(jdbcUrl, "fsync")).isEqualTo("on");
    assertThat(setting(jdbcUrl, "synchronous_commit")).isEqualTo("on");
  }

  @Test
  @Order(3)
  void runSucceedsWhenItsWorkerIsKilledMidCallBecauseTheLauncherRestartsTheWorker()
      throws Exception {
    // Step 1 (model call, tool call) completes; the model call of step 2 is held in flight.
    model.holdCall(2);
    runKilledWorker = api.startRun("slow", "kill my worker");
    assertThat(model.awaitHeld(Duration.ofSeconds(60))).as("step 2 model call in flight").isTrue();
    ProcessHandle worker = launcher.child(System.getProperty("agent-runtime.worker.app"));
    int mark = launcher.lineCount();
    long killedAt = System.nanoTime();
    worker.destroyForcibly();
    model.release();

    launcher.awaitLine(
        Pattern.compile(
            "\\[supervisor] worker \\(pid "
                + worker.pid()
                + "\\) exited \\(killed, SIGKILL\\); restarting it in 1 s"),
        Duration.ofSeconds(30),
        mark);
    Matcher back =
        launcher.awaitLine(
            Pattern.compile("\\[supervisor] worker is back \\(pid (\\d+)\\), ready ([0-9.]+) s"),
            Duration.ofMinutes(3),
            mark);
    assertThat(Long.parseLong(back.group(1))).isNotEqualTo(worker.pid());
    assertThat(api.awaitEnd(runKilledWorker, Duration.ofMinutes(3)).getStatus().getValue())
        .isEqualTo("succeeded");
    report(
        "worker kill -9 → worker ready again: %s s; → run succeeded: %.1f s",
        back.group(2), (System.nanoTime() - killedAt) / 1e9);
    List<String> types = api.eventTypes(runKilledWorker);
    assertThat(types).filteredOn("run.succeeded"::equals).hasSize(1);
    assertThat(types).filteredOn("model.call.completed"::equals).hasSize(3);
    assertThat(types).filteredOn("tool.call.completed"::equals).hasSize(2);
  }

  @Test
  @Order(4)
  void apiKilledWithSigkillIsRestartedByTheLauncherAndAnswersAgain() {
    ProcessHandle apiProcess = launcher.child(System.getProperty("agent-runtime.api.app"));
    int mark = launcher.lineCount();
    apiProcess.destroyForcibly();

    Matcher back =
        launcher.awaitLine(
            Pattern.compile("\\[supervisor] API is back \\(pid (\\d+)\\), ready ([0-9.]+) s"),
            Duration.ofMinutes(3),
            mark);
    assertThat(launcher.output())
        .contains("[supervisor] API (pid " + apiProcess.pid() + ") exited (killed, SIGKILL)");
    assertThat(Long.parseLong(back.group(1))).isNotEqualTo(apiProcess.pid());
    report("API kill -9 → API ready again: %s s", back.group(2));
    assertThat(api.run(runKilledWorker).getStatus().getValue()).isEqualTo("succeeded");
  }

  @Test
  @Order(5)
  void runFinishesAfterTheLauncherIsStoppedMidRunAndStartedAgainAndEarlierRunsAreStillListed()
      throws Exception {
    String runInFlight = api.startRun("slow", "stop the launcher under me");
    awaitEvent(runInFlight, "model.call.completed", Duration.ofSeconds(60));
    assertThat(api.run(runInFlight).getStatus().getValue()).isEqualTo("running");
    List<ProcessHandle> stack = launcher.stackProcesses();

    long stoppedAt = System.nanoTime();
    launcher.stop();
    assertThat(launcher.awaitExit(Duration.ofSeconds(90))).as("launcher exits on SIGTERM").isTrue();
    report("launcher SIGTERM → exited: %.1f s", (System.nanoTime() - stoppedAt) / 1e9);
    assertThat(LauncherProcess.awaitAllGone(stack, Duration.ofSeconds(10)))
        .as("processes of the stopped stack")
        .isNotNegative();

    launcher = launch("launcher-2.txt");
    double up = launcher.awaitUp(START_TIMEOUT);
    report("launcher start, same home (warm): %.1f s", up);
    assertThat(launcher.output()).doesNotContain("--fresh: deleted");
    assertThat(api.awaitEnd(runInFlight, Duration.ofMinutes(3)).getStatus().getValue())
        .isEqualTo("succeeded");
    report(
        "launcher SIGTERM → run in flight succeeded: %.1f s",
        (System.nanoTime() - stoppedAt) / 1e9);
    assertThat(api.eventTypes(runInFlight)).filteredOn("run.succeeded"::equals).hasSize(1);
    assertThat(api.runIds()).contains(runBeforeTheCrashes, runKilledWorker, runInFlight);
    List<ArtifactResponse> artifacts = api.artifacts(runBeforeTheCrashes);
    assertThat(artifacts).hasSize(3);
    String outputKey =
        artifacts.stream()
            .filter(a -> "output".equals(a.getName()))
            .map(ArtifactResponse::getObjectKey)
            .findFirst()
            .orElseThrow();
    String s3 = launcher.awaitLine(S3_ENDPOINT, Duration.ofSeconds(10)).group(1);
    assertThat(new ObjectStoreReader(s3, LocalS3.ACCESS_KEY, LocalS3.SECRET_KEY).read(outputKey))
        .as("an object stored before the restart")
        .contains("before the crashes");
  }

  @Test
  @Order(6)
  void killNineOfTheLauncherLeavesNoProcessOfTheStackAndFreesItsPorts() throws Exception {
    List<ProcessHandle> stack = launcher.stackProcesses();
    List<String> commands = stack.stream().map(p -> p.info().commandLine().orElse("?")).toList();
    assertThat(commands)
        .as("the stack: API, worker, Temporal server, Redis, reaper, PostgreSQL")
        .anyMatch(c -> c.contains(System.getProperty("agent-runtime.api.app")))
        .anyMatch(c -> c.contains(System.getProperty("agent-runtime.worker.app")))
        .anyMatch(c -> c.contains("temporal server start-dev"))
        .anyMatch(c -> c.contains("redis-server"))
        .anyMatch(c -> c.contains(StackReaper.class.getName()))
        .anyMatch(c -> c.contains("postgres"));

    launcher.kill();
    double gone = LauncherProcess.awaitAllGone(stack, Duration.ofSeconds(15));
    assertThat(gone)
        .as(
            "seconds until no process of the stack was left; still alive: %s",
            stack.stream().filter(ProcessHandle::isAlive).map(p -> p.info().commandLine()).toList())
        .isNotNegative();
    report("launcher kill -9 → no process of the stack left: %.1f s", gone);
    try (ServerSocket socket = new ServerSocket(apiPort)) {
      assertThat(socket.getLocalPort()).as("the API port is free again").isEqualTo(apiPort);
    }
  }

  private LauncherProcess launch(String outputName, String... options) {
    List<String> all =
        new java.util.ArrayList<>(
            List.of(
                "--api-port",
                Integer.toString(apiPort),
                "--worker-port",
                Integer.toString(workerPort)));
    all.addAll(List.of(options));
    return LauncherProcess.start(home, outputName, all.toArray(String[]::new));
  }

  private String apiUrl() {
    return "http://127.0.0.1:" + apiPort;
  }

  private void awaitEvent(String runId, String type, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!api.eventTypes(runId).contains(type)) {
      assertThat(System.nanoTime()).as("event %s of run %s", type, runId).isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  private static String setting(String jdbcUrl, String name) {
    return LocalPostgres.setting(jdbcUrl, LocalPostgres.USER, LocalPostgres.PASSWORD, name);
  }

  /** Timings for the report: the surefire output keeps them next to the test. */
  private static void report(String format, Object... args) {
    System.out.printf("[StandaloneCrashIT] " + format + "%n", args);
  }
}
