package dev.agentruntime.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The OAuth 2.0 device authorization grant (RFC 8628) with PKCE (RFC 7636, S256) against a Keycloak
 * realm: the person opens the verification URL in any browser and enters the code while agentctl
 * polls the token endpoint. Also the refresh of a token it obtained. These calls go to the identity
 * provider, not to the Agent Runtime API, so they are not the generated client's.
 */
final class DeviceLogin implements AutoCloseable {

  /** Access and refresh token as the token endpoint answered them. */
  record Tokens(String accessToken, String refreshToken) {}

  /** Sleeping between polls, so that tests need not wait. */
  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String issuer;
  private final String clientId;
  private final PrintStream err;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private Sleeper sleeper = duration -> Thread.sleep(duration.toMillis());

  DeviceLogin(String issuer, String clientId, PrintStream err) {
    this.issuer = issuer.replaceAll("/+$", "");
    this.clientId = clientId;
    this.err = err;
  }

  /** Ends the HTTP client's thread (the JVM's exit would wait for it). */
  @Override
  public void close() {
    http.shutdownNow();
  }

  DeviceLogin sleeper(Sleeper value) {
    this.sleeper = value;
    return this;
  }

  /** Runs the whole grant: asks for a code, tells the person where to enter it, polls. */
  Tokens login() {
    String verifier = randomVerifier();
    JsonNode device =
        post(
            "/protocol/openid-connect/auth/device",
            form(
                "client_id",
                clientId,
                "scope",
                "openid",
                "code_challenge",
                challenge(verifier),
                "code_challenge_method",
                "S256"));
    String complete = device.path("verification_uri_complete").asText(null);
    err.println(
        "To sign in, open "
            + device.path("verification_uri").asText()
            + " and enter the code "
            + device.path("user_code").asText()
            + (complete == null ? "" : "\n(or open " + complete + ")"));
    Duration interval = Duration.ofSeconds(Math.max(1, device.path("interval").asLong(5)));
    Instant deadline = Instant.now().plusSeconds(device.path("expires_in").asLong(600));
    while (Instant.now().isBefore(deadline)) {
      try {
        sleeper.sleep(interval);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CliFailure(ExitCode.UNAUTHORIZED, "sign-in interrupted");
      }
      HttpResponse<String> answer =
          send(
              "/protocol/openid-connect/token",
              form(
                  "grant_type",
                  "urn:ietf:params:oauth:grant-type:device_code",
                  "device_code",
                  device.path("device_code").asText(),
                  "client_id",
                  clientId,
                  "code_verifier",
                  verifier));
      JsonNode body = parse(answer.body());
      if (answer.statusCode() == 200) {
        return tokens(body);
      }
      String error = body.path("error").asText("");
      switch (error) {
        case "authorization_pending" -> {}
        case "slow_down" -> interval = interval.plusSeconds(5);
        default ->
            throw new CliFailure(
                ExitCode.UNAUTHORIZED,
                "sign-in failed: "
                    + (error.isEmpty() ? "HTTP " + answer.statusCode() : error)
                    + " "
                    + body.path("error_description").asText(""));
      }
    }
    throw new CliFailure(ExitCode.UNAUTHORIZED, "sign-in failed: the code expired");
  }

  /** A new access token for {@code refreshToken}. */
  Tokens refresh(String refreshToken) {
    return tokens(
        post(
            "/protocol/openid-connect/token",
            form(
                "grant_type", "refresh_token",
                "refresh_token", refreshToken,
                "client_id", clientId)));
  }

  private static Tokens tokens(JsonNode body) {
    String access = body.path("access_token").asText(null);
    if (access == null) {
      throw new CliFailure(ExitCode.UNAUTHORIZED, "the token endpoint answered no access_token");
    }
    return new Tokens(access, body.path("refresh_token").asText(null));
  }

  private JsonNode post(String path, String form) {
    HttpResponse<String> answer = send(path, form);
    JsonNode body = parse(answer.body());
    if (answer.statusCode() != 200) {
      throw new CliFailure(
          ExitCode.UNAUTHORIZED,
          "the identity provider answered "
              + answer.statusCode()
              + " to "
              + path
              + ": "
              + body.path("error").asText("")
              + " "
              + body.path("error_description").asText(""));
    }
    return body;
  }

  private HttpResponse<String> send(String path, String form) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(issuer + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new CliFailure(
          ExitCode.UNREACHABLE, "cannot reach the identity provider at " + issuer + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliFailure(ExitCode.UNREACHABLE, "interrupted");
    }
  }

  private static JsonNode parse(String body) {
    try {
      JsonNode node = JSON.readTree(body == null ? "" : body);
      return node == null ? JSON.createObjectNode() : node;
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }

  static String randomVerifier() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The S256 code challenge of {@code verifier}: base64url(SHA-256(verifier)), no padding. */
  static String challenge(String verifier) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String form(String... pairs) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      fields.put(pairs[i], pairs[i + 1]);
    }
    return fields.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
