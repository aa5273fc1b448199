package dev.agentruntime.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentruntime.embedded.Tools;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The Python reference agent of {@code examples/python-agent} as a real process, for tests and the
 * standalone demo: started on a free port, killed with SIGKILL, restarted on the same port with the
 * same data directory (its SQLite journal and answers survive), and its journal read back.
 */
public final class ReferenceAgent implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private final Path dataDir;
  private final Map<String, String> environment;
  private final HttpClient http = HttpClient.newHttpClient();
  private Process process;
  private int port;

  private ReferenceAgent(Path dataDir, Map<String, String> environment) {
    this.dataDir = dataDir;
    this.environment = environment;
  }

  /** Starts the agent on a free loopback port; {@code environment} is added to its own. */
  public static ReferenceAgent start(Path dataDir, Map<String, String> environment) {
    ReferenceAgent agent = new ReferenceAgent(dataDir, environment);
    agent.launch(0);
    return agent;
  }

  /** The endpoint a spec's {@code runtime.endpoint} names. */
  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** Kills the process with SIGKILL, as a crash would, and waits until it is gone. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Starts the agent again on the same port and data directory. */
  public void restart() {
    launch(port);
  }

  /** The turn requests the agent received for a run, in order: idempotency key and turn. */
  public List<JsonNode> journal(String runId) {
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(endpoint() + "/journal?runId=" + runId));
      String token = environment.get("AGENT_TOKEN");
      if (token != null) {
        request.header("Authorization", "Bearer " + token);
      }
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "the reference agent's journal answered HTTP " + response.statusCode());
      }
      List<JsonNode> entries = new ArrayList<>();
      JSON.readTree(response.body()).path("entries").forEach(entries::add);
      return entries;
    } catch (IOException e) {
      throw new IllegalStateException("the reference agent's journal cannot be read", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void launch(int wantedPort) {
    Path script = script();
    ProcessBuilder builder =
        new ProcessBuilder(
                Tools.binary("python-agent-python").toString(),
                script.toString(),
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(wantedPort),
                "--data-dir",
                dataDir.toString())
            .redirectError(ProcessBuilder.Redirect.appendTo(dataDir.resolve("agent.log").toFile()));
    builder.environment().putAll(environment);
    try {
      Files.createDirectories(dataDir);
      process = builder.start();
    } catch (IOException e) {
      throw new IllegalStateException("the reference agent did not start", e);
    }
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> ready =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                  if (line.startsWith("listening on http://")) {
                    return line;
                  }
                }
                return null;
              } catch (IOException e) {
                return null;
              }
            });
    String line;
    try {
      line = ready.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      line = null;
    }
    if (line == null) {
      process.destroyForcibly();
      throw new IllegalStateException(
          "the reference agent did not report 'listening on' within "
              + START_TIMEOUT.toSeconds()
              + " s; see "
              + dataDir.resolve("agent.log"));
    }
    port = URI.create(line.substring("listening on ".length()).strip()).getPort();
  }

  /** examples/python-agent/agent.py of the checkout this code runs from. */
  static Path script() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("examples/python-agent/agent.py");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "examples/python-agent/agent.py not found above " + Path.of("").toAbsolutePath());
  }

  @Override
  public void close() {
    if (process != null) {
      kill();
    }
  }
}
