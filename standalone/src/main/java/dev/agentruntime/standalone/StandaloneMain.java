package dev.agentruntime.standalone;

import dev.agentruntime.client.model.RunResponse;
import dev.agentruntime.embedded.Ports;
import dev.agentruntime.embedded.TemporalDevServer;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code ./standalone.sh}: the API, the worker and embedded infrastructure in one command, for a
 * first try on a machine with nothing installed but a JDK.
 *
 * <p>Options: {@code --fresh} deletes the data kept by earlier runs first; {@code --demo} runs the
 * walk-through once the stack is up; {@code --exit} stops the stack after it (exit code 0 only if
 * the demo run succeeded); {@code --api-port N}, {@code --worker-port N}; {@code --help} ({@link
 * StandaloneGuide#USAGE}). Environment: {@code AGENT_RUNTIME_HOME} (default {@code .standalone};
 * see {@link StandaloneHome}) and the {@code AGENT_RUNTIME_*} addresses of {@link
 * StackSettings.External} to use real services.
 *
 * <p>The launcher owns its home (a second one on it is refused), keeps the data of PostgreSQL, the
 * Temporal server and the object store there, restarts the API or the worker when one dies ({@link
 * Supervisor}), and takes its whole stack down with it however it ends ({@link StackReaper}).
 */
public final class StandaloneMain {

  private static final Duration TOKEN_TTL = Duration.ofHours(12);
  // Held so that the levels set on them are not lost with collected loggers.
  private static final List<Logger> QUIET_LOGGERS =
      List.of(Logger.getLogger("io.zonky"), Logger.getLogger("org.gaul"));

  // Held for the JVM's life: a lock whose channel became unreachable could be closed by a cleaner,
  // and the home would be free for a second launcher.
  private static StandaloneHome home;

  private StandaloneMain() {}

  public static void main(String[] args) {
    try {
      run(args);
    } catch (Throwable e) {
      // Exit explicitly: child processes and embedded servers would otherwise keep the JVM alive.
      System.err.println("Agent Runtime standalone failed: " + e);
      e.printStackTrace();
      System.exit(1);
    }
  }

  private static void run(String[] args) throws Exception {
    // zonky and s3proxy narrate their starts at INFO; the servers' own output goes to logs/.
    QUIET_LOGGERS.forEach(logger -> logger.setLevel(Level.WARNING));
    List<String> options = new ArrayList<>(List.of(args));
    if (options.contains("--help") || options.contains("-h")) {
      System.out.print(StandaloneGuide.USAGE);
      return;
    }
    boolean exitAfterDemo = options.remove("--exit");
    boolean demo = options.remove("--demo") || exitAfterDemo;
    boolean fresh = options.remove("--fresh");
    int apiPort = intOption(options, "--api-port", 8080);
    int workerPort = intOption(options, "--worker-port", 8081);
    if (!options.isEmpty()) {
      System.err.println("unknown options: " + options);
      System.err.print(StandaloneGuide.USAGE);
      System.exit(2);
    }
    Path homeDirectory =
        Path.of(System.getenv().getOrDefault("AGENT_RUNTIME_HOME", ".standalone")).toAbsolutePath();
    PrintStream out = System.out;
    try {
      home = StandaloneHome.lock(homeDirectory);
    } catch (StandaloneHome.InUseException e) {
      System.err.println(e.getMessage());
      System.exit(3);
      return;
    }
    home.stopLeftovers(out);
    if (fresh) {
      home.deleteData();
      out.println(
          "--fresh: deleted " + home.data() + " (PostgreSQL, Temporal and object store data)");
    }
    // First, so that whatever starts from here on is stopped if this JVM is killed.
    ReaperLink.start(home);
    Map<StackSettings.External, String> external =
        StackSettings.externalFromEnvironment(System.getenv());
    TemporalChoice temporal =
        external.containsKey(StackSettings.External.TEMPORAL_TARGET)
            ? new TemporalChoice(Optional.empty())
            : TemporalChoice.choose(
                TemporalChoice.Machine.current(TemporalDevServer.cliLocation(), scriptsDirectory()),
                home.logs().resolve("temporal-build.log"),
                out);
    StackSettings settings =
        new StackSettings(
            home.root(),
            appPath("agent-runtime.api.app", "api"),
            appPath("agent-runtime.worker.app", "worker"),
            apiPort,
            workerPort,
            // The usual Temporal port, so the Temporal CLI works against it without flags.
            Ports.preferOrFree(7233),
            external,
            Map.of(),
            Map.of(),
            home.data(),
            temporal.cli().orElse(null));
    out.println("Starting Agent Runtime standalone (logs in " + home.logs() + ") ...");
    long startNanos = System.nanoTime();
    Stack stack = Stack.start(settings);
    Duration startTime = Duration.ofNanos(System.nanoTime() - startNanos);
    Supervisor supervisor = Supervisor.start(stack, out);
    AtomicBoolean stopping = new AtomicBoolean();
    Runnable stop =
        () -> {
          if (stopping.compareAndSet(false, true)) {
            out.println("Stopping Agent Runtime standalone ...");
            supervisor.close();
            stack.close();
            out.println("Agent Runtime standalone stopped; its data is kept in " + home.data());
          }
        };
    stopOnSignal("TERM", stop);
    stopOnSignal("INT", stop);
    Runtime.getRuntime().addShutdownHook(new Thread(stop, "standalone-shutdown"));
    Path tokens = home.root().resolve("tokens");
    StandaloneGuide.writeTokens(stack.tokens(), tokens, TOKEN_TTL);
    StandaloneGuide.writeConsoleLink(stack.apiUrl(), tokens);
    Path env = StandaloneGuide.writeEnv(home.root(), stack.apiUrl(), tokens);
    Path versionBody = home.root().resolve("examples/demo-agent-version.json");
    Files.createDirectories(versionBody.getParent());
    Files.writeString(versionBody, DemoScenario.VERSION_BODY);
    StandaloneGuide.print(out, stack, startTime, tokens, env, versionBody, home);
    if (demo) {
      out.println();
      out.println("Running the demo walk-through ...");
      RunResponse run =
          new DemoScenario(
                  stack.apiUrl(),
                  Files.readString(tokens.resolve("platform-admin.jwt")),
                  Files.readString(tokens.resolve(DemoScenario.TENANT + ".jwt")),
                  out)
              .run();
      boolean succeeded = run.getStatus() == RunResponse.StatusEnum.SUCCEEDED;
      if (exitAfterDemo) {
        stop.run();
        System.exit(succeeded ? 0 : 1);
      }
    }
    new CountDownLatch(1).await();
  }

  /**
   * Stops the stack in order (worker, API, then the servers under them) before the JVM begins its
   * shutdown. Its shutdown hooks run all at once, zonky's among them, which would stop PostgreSQL
   * under a worker still finishing its activities.
   */
  @SuppressWarnings("restriction")
  private static void stopOnSignal(String name, Runnable stop) {
    sun.misc.Signal.handle(
        new sun.misc.Signal(name),
        signal ->
            Thread.ofPlatform()
                .name("standalone-stop-" + name)
                .start(
                    () -> {
                      stop.run();
                      System.exit(128 + signal.getNumber());
                    }));
  }

  /**
   * {@code scripts/} of the checkout: given by standalone.sh, else found from the launcher's own
   * place ({@code standalone/target/*.jar} or {@code standalone/target/classes}).
   */
  private static Path scriptsDirectory() {
    String configured = System.getProperty("agent-runtime.scripts.dir");
    if (configured != null) {
      return Path.of(configured).toAbsolutePath();
    }
    Path code = ReaperLink.codeLocation().toAbsolutePath();
    Path checkout = code.getParent().getParent().getParent();
    return (checkout == null ? Path.of("") : checkout).resolve("scripts");
  }

  private static Path appPath(String property, String module) {
    String configured = System.getProperty(property);
    return Path.of(configured != null ? configured : module + "/target/quarkus-app/quarkus-run.jar")
        .toAbsolutePath();
  }

  private static int intOption(List<String> options, String name, int defaultValue) {
    int at = options.indexOf(name);
    if (at < 0) {
      return defaultValue;
    }
    if (at + 1 >= options.size()) {
      throw new IllegalArgumentException(name + " needs a value");
    }
    int value = Integer.parseInt(options.get(at + 1));
    options.remove(at + 1);
    options.remove(at);
    return value;
  }
}
