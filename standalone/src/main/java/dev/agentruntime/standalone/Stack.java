package dev.agentruntime.standalone;

import dev.agentruntime.core.secret.MasterKeyring;
import dev.agentruntime.embedded.DevTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The whole runtime on one machine: infrastructure, then the packaged API and worker as child
 * processes wired to it, with a local signing key standing in for Keycloak.
 */
public final class Stack implements AutoCloseable {

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
  private static final List<String> APP_JVM_OPTIONS = List.of("-Xmx512m", "-XX:+UseSerialGC");

  private final StackSettings settings;
  private final Infrastructure infrastructure;
  private final DevTokens tokens;
  private final AppProcess api;
  private AppProcess worker;
  private int workerGeneration;

  private Stack(StackSettings settings, Infrastructure infrastructure, DevTokens tokens) {
    this.settings = settings;
    this.infrastructure = infrastructure;
    this.tokens = tokens;
    Map<String, String> apiProperties = new HashMap<>(infrastructure.commonProperties());
    apiProperties.putAll(secrets(settings.home()));
    apiProperties.putAll(infrastructure.apiProperties());
    apiProperties.put("quarkus.http.port", Integer.toString(settings.apiPort()));
    apiProperties.put("mp.jwt.verify.publickey.location", tokens.publicKeyPem().toString());
    apiProperties.put("mp.jwt.verify.issuer", DevTokens.ISSUER);
    apiProperties.put("mp.jwt.verify.audiences", DevTokens.AUDIENCE);
    apiProperties.putAll(tracing(System.getenv()));
    apiProperties.putAll(settings.apiProperties());
    this.api =
        new AppProcess(
            "api",
            settings.apiApp(),
            apiProperties,
            APP_JVM_OPTIONS,
            settings.home().resolve("logs/api.log"),
            settings.apiPort());
    this.worker = newWorker();
  }

  /**
   * Standalone mode is one person's stack on one machine, whose agents, MCP servers and Ollama
   * listen on loopback: loopback is granted to every tenant. A shared deployment (compose, ECS)
   * grants nothing by default (docs/security.md#egress).
   */
  static final String STANDALONE_EGRESS_GRANTS = "http://127.0.0.1:*=*;http://localhost:*=*";

  /**
   * The platform keys a first try needs, granted to every tenant but only on their way to their
   * providers; a tenant's own keys go in its secret store ({@code PUT /v1/secrets/NAME}).
   */
  static final String STANDALONE_PLATFORM_GRANTS =
      "env:OPENAI_API_KEY=*@api.openai.com;env:ANTHROPIC_API_KEY=*@api.anthropic.com";

  /**
   * The master key that seals tenant secrets, created once in the home's {@code keys} directory
   * (owner-only) and kept with the data, and the platform secret grants; the same for the API and
   * the worker.
   */
  static Map<String, String> secrets(Path home) {
    Path key = home.resolve("keys/master.key");
    try {
      if (!Files.exists(key)) {
        MasterKeyring.writeNewKey(key);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("the master key " + key + " cannot be created", e);
    }
    return Map.of(
        "agent-runtime.secrets.master-key-files",
        key.toString(),
        "agent-runtime.secrets.platform-grants",
        STANDALONE_PLATFORM_GRANTS);
  }

  /**
   * Tracing is off in the packaged apps until turned on; in standalone mode configuring an OTLP
   * endpoint is enough (docs/observability.md#traces). The apps inherit the environment, so the
   * endpoint, headers and an explicit {@code QUARKUS_OTEL_SDK_DISABLED} reach them as they are.
   */
  static Map<String, String> tracing(Map<String, String> environment) {
    if (environment.containsKey("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT")
        && !environment.containsKey("QUARKUS_OTEL_SDK_DISABLED")) {
      return Map.of("quarkus.otel.sdk.disabled", "false");
    }
    return Map.of();
  }

  /** Starts everything and returns once the API and the worker report ready. */
  public static Stack start(StackSettings settings) {
    Infrastructure infrastructure = Infrastructure.start(settings);
    Stack stack = null;
    try {
      stack =
          new Stack(
              settings, infrastructure, DevTokens.inDirectory(settings.home().resolve("keys")));
      stack.api.start();
      stack.worker.start();
      // The two JVMs start in parallel; the API migrates the schema before it reports ready.
      Stack started = stack;
      CompletableFuture.allOf(
              CompletableFuture.runAsync(() -> started.api.awaitReady(READY_TIMEOUT)),
              CompletableFuture.runAsync(() -> started.worker.awaitReady(READY_TIMEOUT)))
          .join();
      return stack;
    } catch (CompletionException e) {
      closeQuietly(stack, infrastructure);
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    } catch (RuntimeException e) {
      closeQuietly(stack, infrastructure);
      throw e;
    }
  }

  private static void closeQuietly(Stack stack, Infrastructure infrastructure) {
    if (stack != null) {
      stack.close();
    } else {
      infrastructure.close();
    }
  }

  private AppProcess newWorker() {
    return newWorker(Map.of());
  }

  private AppProcess newWorker(Map<String, String> overrides) {
    Map<String, String> properties = new HashMap<>(infrastructure.commonProperties());
    properties.putAll(secrets(settings.home()));
    properties.put("agent-runtime.egress.grants", STANDALONE_EGRESS_GRANTS);
    properties.putAll(infrastructure.workerProperties());
    properties.put("quarkus.http.port", Integer.toString(settings.workerPort()));
    properties.putAll(tracing(System.getenv()));
    properties.putAll(settings.workerProperties());
    properties.putAll(overrides);
    return new AppProcess(
        "worker",
        settings.workerApp(),
        properties,
        APP_JVM_OPTIONS,
        settings.home().resolve("logs/worker-" + (++workerGeneration) + ".log"),
        settings.workerPort());
  }

  public String apiUrl() {
    return "http://127.0.0.1:" + settings.apiPort();
  }

  public DevTokens tokens() {
    return tokens;
  }

  public Infrastructure infrastructure() {
    return infrastructure;
  }

  public AppProcess api() {
    return api;
  }

  public synchronized AppProcess worker() {
    return worker;
  }

  /** kill -9 of the API: requests in flight get no answer. */
  public void killApi() {
    api.kill();
  }

  /** Starts the API again (after a kill) and waits until it is ready. */
  public void startApi() {
    if (api.isAlive()) {
      throw new IllegalStateException("the API is still running");
    }
    api.start().awaitReady(READY_TIMEOUT);
  }

  /** kill -9 of the worker: in-flight activities are abandoned mid-call. */
  public synchronized void killWorker() {
    worker.kill();
  }

  /** Starts a new worker process (after a kill or stop) and waits until it is ready. */
  public synchronized AppProcess startNewWorker() {
    return startNewWorker(Map.of());
  }

  /** As {@link #startNewWorker()}, with these properties over the stack's worker settings. */
  public synchronized AppProcess startNewWorker(Map<String, String> overrides) {
    if (worker.isAlive()) {
      throw new IllegalStateException("the current worker is still running");
    }
    // The new worker is the stack's before it is ready, so close() stops it even mid-start.
    worker = newWorker(overrides);
    worker.start().awaitReady(READY_TIMEOUT);
    return worker;
  }

  @Override
  public void close() {
    Duration grace = Duration.ofSeconds(20);
    synchronized (this) {
      worker.stop(grace);
    }
    api.stop(grace);
    infrastructure.close();
  }
}
