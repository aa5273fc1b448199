package dev.agentruntime.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentruntime.embedded.DevTokens;
import dev.agentruntime.embedded.Ports;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./standalone.sh}: the API, the worker and embedded infrastructure in one command, for a
 * first try on a machine with nothing installed but a JDK.
 *
 * <p>Options: {@code --demo} runs the walk-through once the stack is up; {@code --exit} stops the
 * stack after it (exit code 0 only if the demo run succeeded); {@code --api-port N}, {@code
 * --worker-port N}. Environment: {@code AGENT_RUNTIME_HOME} (default {@code .standalone}) and the
 * {@code AGENT_RUNTIME_*} addresses of {@link StackSettings.External} to use real services.
 */
public final class StandaloneMain {

  private static final Duration TOKEN_TTL = Duration.ofHours(12);

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
    List<String> options = new ArrayList<>(List.of(args));
    boolean exitAfterDemo = options.remove("--exit");
    boolean demo = options.remove("--demo") || exitAfterDemo;
    int apiPort = intOption(options, "--api-port", 8080);
    int workerPort = intOption(options, "--worker-port", 8081);
    if (!options.isEmpty()) {
      System.err.println("unknown options: " + options);
      System.err.println("usage: standalone.sh [--demo] [--exit] [--api-port N] [--worker-port N]");
      System.exit(2);
    }
    Path home = Path.of(System.getenv().getOrDefault("AGENT_RUNTIME_HOME", ".standalone"));
    StackSettings settings =
        new StackSettings(
            home.toAbsolutePath(),
            appPath("agent-runtime.api.app", "api"),
            appPath("agent-runtime.worker.app", "worker"),
            apiPort,
            workerPort,
            // The usual Temporal port, so the Temporal CLI works against it without flags.
            Ports.preferOrFree(7233),
            StackSettings.externalFromEnvironment(System.getenv()),
            Map.of(),
            Map.of());
    PrintStream out = System.out;
    out.println("Starting Agent Runtime standalone (logs in " + home.resolve("logs") + ") ...");
    long startNanos = System.nanoTime();
    Stack stack = Stack.start(settings);
    Duration startTime = Duration.ofNanos(System.nanoTime() - startNanos);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stack.close();
                  stopped.countDown();
                },
                "standalone-shutdown"));
    Path tokens = writeTokens(stack.tokens(), home.resolve("tokens"));
    Path versionBody = home.resolve("examples/demo-agent-version.json");
    Files.createDirectories(versionBody.getParent());
    Files.writeString(versionBody, DemoScenario.VERSION_BODY);
    printGuide(out, stack, startTime, tokens, versionBody);
    if (demo) {
      out.println();
      out.println("Running the demo walk-through ...");
      JsonNode run =
          new DemoScenario(
                  stack.apiUrl(),
                  Files.readString(tokens.resolve("platform-admin.jwt")),
                  Files.readString(tokens.resolve(DemoScenario.TENANT + ".jwt")),
                  out)
              .run();
      boolean succeeded = "succeeded".equals(run.path("status").asText());
      if (exitAfterDemo) {
        System.exit(succeeded ? 0 : 1);
      }
    }
    stopped.await();
  }

  private static Path writeTokens(DevTokens devTokens, Path directory) throws IOException {
    Files.createDirectories(directory);
    Files.writeString(directory.resolve("platform-admin.jwt"), devTokens.platformAdmin(TOKEN_TTL));
    Files.writeString(
        directory.resolve(DemoScenario.TENANT + ".jwt"),
        devTokens.tenantAdmin(DemoScenario.TENANT, TOKEN_TTL));
    return directory;
  }

  private static void printGuide(
      PrintStream out, Stack stack, Duration startTime, Path tokens, Path versionBody) {
    String api = stack.apiUrl();
    out.printf("%nAgent Runtime standalone is up (%.1f s).%n%n", startTime.toMillis() / 1000.0);
    out.printf(
        "  API         %s   (OpenAPI %s/q/openapi, Swagger UI %s/q/swagger-ui, log %s)%n",
        api, api, api, stack.api().log());
    out.printf(
        "  Worker      health http://127.0.0.1:%d/q/health   (log %s)%n",
        stack.worker().httpPort(), stack.worker().log());
    stack.infrastructure().description().forEach(line -> out.println("  " + line));
    out.printf(
        """

        Dev tokens (signed by a local key, valid 12 h; deployments use Keycloak instead):
          %1$s/platform-admin.jwt   role platform-admin (manages tenants)
          %1$s/demo.jwt             tenant "demo", roles agent-admin, runner, viewer

        Try it from another terminal (the model is the offline demo provider, no LLM account needed):
          AR=%2$s
          ADMIN=$(cat %1$s/platform-admin.jwt); TOKEN=$(cat %1$s/demo.jwt)
          curl -sS -X POST $AR/v1/tenants -H "Authorization: Bearer $ADMIN" \\
               -H 'Content-Type: application/json' -d '{"id":"demo","displayName":"Demo"}'
          AGENT=$(curl -sS -X POST $AR/v1/agents -H "Authorization: Bearer $TOKEN" \\
               -H 'Content-Type: application/json' -d '{"name":"notes"}' \\
               | grep -o '"id":"[^"]*"' | head -1 | cut -d'"' -f4)
          curl -sS -X POST $AR/v1/agents/$AGENT/versions -H "Authorization: Bearer $TOKEN" \\
               -H 'Content-Type: application/json' -d @%3$s
          RUN=$(curl -sS -X POST $AR/v1/runs -H "Authorization: Bearer $TOKEN" \\
               -H 'Content-Type: application/json' -H 'Idempotency-Key: my-first-run' \\
               -d '{"agentName":"notes","input":{"message":"Hello, durable world"}}' \\
               | grep -o '"id":"[^"]*"' | head -1 | cut -d'"' -f4)
          curl -sS $AR/v1/runs/$RUN -H "Authorization: Bearer $TOKEN"             # "status":"succeeded"
          curl -sS $AR/v1/runs/$RUN/events -H "Authorization: Bearer $TOKEN"      # the timeline
          curl -sS $AR/v1/runs/$RUN/artifacts -H "Authorization: Bearer $TOKEN"   # output + notes

        To use a real model, publish a version whose "model" is, for example,
          {"provider":"ollama","name":"llama3.2","baseUrl":"http://localhost:11434"}
          {"provider":"openai","name":"gpt-4o-mini","apiKeyRef":"env:OPENAI_API_KEY"}
        (the worker reads the key from its environment; see docs/agent-spec.md).

        Ctrl-C stops everything.
        """,
        tokens, api, versionBody);
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
