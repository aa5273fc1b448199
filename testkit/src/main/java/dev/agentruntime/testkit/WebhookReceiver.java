package dev.agentruntime.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentruntime.embedded.Tools;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The webhook receiver of the tests ({@code testkit/src/main/python/webhook_receiver.py}) as a real
 * process: every delivery's signature is verified by the Standard Webhooks reference library from
 * PyPI, with each secret the test gave it. Killed with SIGKILL and started again on the same port
 * and directory, it keeps what it received (an endpoint that was down).
 */
public final class WebhookReceiver implements AutoCloseable {

  /** One request the receiver got, and what it answered. */
  public record Delivery(
      String webhookId,
      String webhookTimestamp,
      int signatures,
      List<Integer> verifiedBy,
      int answered,
      double receivedAt,
      JsonNode body) {

    /** Whether the reference library verified it with the secret at {@code index}. */
    public boolean verifiedWith(int index) {
      return verifiedBy.contains(index);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long START_TIMEOUT_SECONDS = 30;

  private final Path dataDir;
  private final HttpClient http = HttpClient.newHttpClient();
  private List<String> secrets = List.of();
  private Process process;
  private int port;

  private WebhookReceiver(Path dataDir) {
    this.dataDir = dataDir;
  }

  /** Starts a receiver on a free loopback port, recording into {@code dataDir}. */
  public static WebhookReceiver start(Path dataDir) {
    WebhookReceiver receiver = new WebhookReceiver(dataDir);
    receiver.launch(0);
    return receiver;
  }

  /** The URL a webhook points at. */
  public String url() {
    return "http://127.0.0.1:" + port + "/hook";
  }

  public int port() {
    return port;
  }

  /** The whsec_ secrets to verify with, by index; kept across a restart. */
  public void verifyWith(List<String> secrets) {
    this.secrets = List.copyOf(secrets);
    ObjectNode control = JSON.createObjectNode();
    control.putPOJO("secrets", this.secrets);
    post(control);
  }

  /** Answers the next {@code times} deliveries with {@code status}, and Retry-After if not null. */
  public void answerNext(int times, int status, String retryAfter) {
    ObjectNode control = JSON.createObjectNode();
    control.put("status", status);
    control.put("times", times);
    if (retryAfter != null) {
      control.put("retryAfter", retryAfter);
    }
    post(control);
  }

  /** Records the next {@code times} deliveries on arrival and answers them after {@code hold}. */
  public void holdNext(int times, java.time.Duration hold) {
    ObjectNode control = JSON.createObjectNode();
    control.put("holdSeconds", hold.toMillis() / 1000.0);
    control.put("times", times);
    post(control);
  }

  /** Every request received, in arrival order, across restarts. */
  public List<Delivery> deliveries() {
    JsonNode answer = get("/deliveries");
    List<Delivery> deliveries = new ArrayList<>();
    for (JsonNode d : answer.path("deliveries")) {
      List<Integer> verified = new ArrayList<>();
      d.path("verifiedBy").forEach(i -> verified.add(i.asInt()));
      JsonNode body;
      try {
        body = JSON.readTree(d.path("body").asText());
      } catch (IOException e) {
        body = JSON.getNodeFactory().textNode(d.path("body").asText());
      }
      deliveries.add(
          new Delivery(
              d.path("webhookId").asText(null),
              d.path("webhookTimestamp").asText(null),
              d.path("signatures").asInt(),
              verified,
              d.path("answered").asInt(),
              d.path("receivedAt").asDouble(),
              body));
    }
    return deliveries;
  }

  /** Kills the process with SIGKILL: the endpoint is down until {@link #restart()}. */
  public void kill() {
    process.destroyForcibly();
    Tools.waitForExit(process, java.time.Duration.ofSeconds(10));
  }

  /** Starts again on the same port and directory, with the same secrets. */
  public void restart() {
    launch(port);
  }

  private JsonNode get(String path) {
    return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET());
  }

  private void post(JsonNode body) {
    send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/control"))
            .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
  }

  /**
   * Sends a control or read request, again once if the connection failed: every one of them sets or
   * reads state, so a repeat is harmless, and the client may pick a pooled connection the receiver
   * (an HTTP/1.0 server) has just closed.
   */
  private JsonNode send(HttpRequest.Builder request) {
    IOException failure = null;
    for (int attempt = 0; attempt < 2; attempt++) {
      try {
        HttpResponse<String> response =
            http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
          throw new IllegalStateException("the webhook receiver answered " + response.statusCode());
        }
        return JSON.readTree(response.body());
      } catch (IOException e) {
        failure = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException("the webhook receiver cannot be reached", failure);
  }

  private void launch(int wantedPort) {
    List<String> command =
        new ArrayList<>(
            List.of(
                Tools.binary("webhook-receiver-python").toString(),
                script().toString(),
                "--port",
                Integer.toString(wantedPort),
                "--data-dir",
                dataDir.toString()));
    if (!secrets.isEmpty()) {
      // Read before it listens: senders retrying against the port would otherwise reach it
      // before a control call set the secrets, and be recorded as unverified.
      Path file = dataDir.resolve("secrets.json");
      try {
        Files.createDirectories(dataDir);
        Files.writeString(file, JSON.writeValueAsString(secrets));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      command.addAll(List.of("--secrets-file", file.toString()));
    }
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectError(
                ProcessBuilder.Redirect.appendTo(dataDir.resolve("receiver.log").toFile()));
    try {
      Files.createDirectories(dataDir);
      process = builder.start();
    } catch (IOException e) {
      throw new IllegalStateException("the webhook receiver did not start", e);
    }
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line;
    try {
      line =
          CompletableFuture.supplyAsync(
                  () -> {
                    try {
                      return out.readLine();
                    } catch (IOException e) {
                      return null;
                    }
                  })
              .get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      line = null;
    }
    if (line == null || !line.startsWith("listening on ")) {
      process.destroyForcibly();
      throw new IllegalStateException(
          "the webhook receiver did not start; see " + dataDir.resolve("receiver.log"));
    }
    port = URI.create(line.substring("listening on ".length()).strip()).getPort();
  }

  /** testkit/src/main/python/webhook_receiver.py of the checkout this code runs from. */
  private static Path script() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("testkit/src/main/python/webhook_receiver.py");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "testkit/src/main/python/webhook_receiver.py not found above "
            + Path.of("").toAbsolutePath());
  }

  @Override
  public void close() {
    if (process != null) {
      kill();
    }
  }
}
