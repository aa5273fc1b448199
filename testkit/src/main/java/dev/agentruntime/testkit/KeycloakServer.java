package dev.agentruntime.testkit;

import dev.agentruntime.embedded.Tools;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The real Keycloak server (its Quarkus distribution, {@code kc.sh start-dev}) as a child process,
 * with realms imported from JSON files at start-up. The distribution comes from {@code
 * scripts/install-tools.sh keycloak}. Its database is H2 in memory: every start is a fresh server
 * with exactly the imported realms. Only for tests and local use: the admin account is a fixed
 * local one.
 */
public final class KeycloakServer implements AutoCloseable {

  public static final String VERSION = "26.7.3";
  public static final String ADMIN_USER = "admin";
  public static final String ADMIN_PASSWORD = "admin-LOCAL-ONLY";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(300);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final int port;
  private final Path log;
  private final Process process;

  private KeycloakServer(int port, Path log, Process process) {
    this.port = port;
    this.log = log;
    this.process = process;
  }

  /**
   * Starts Keycloak on {@code port} of 127.0.0.1 with the realms of {@code realmFiles} (each a
   * realm representation, as exported); returns once the realm {@code awaitRealm} serves its
   * discovery document. The issuer is pinned to {@code http://127.0.0.1:port} (hostname v2), so
   * tokens name the same issuer however they are fetched. Log and import directory go to {@code
   * directory}.
   */
  public static KeycloakServer start(
      Path directory, int port, List<Path> realmFiles, String awaitRealm) {
    Path kcSh;
    try {
      Path link = Tools.location("kc.sh");
      if (!Files.isExecutable(link)) {
        throw new IllegalStateException(
            "Keycloak not found at "
                + link
                + ": run scripts/install-tools.sh keycloak (./test.sh does it for you)");
      }
      // The link's target: kc.sh finds the distribution beside itself.
      kcSh = link.toRealPath();
      // The realm files are imported from a directory of this server's own, named as Keycloak's
      // directory import expects (<realm>-realm.json), not from the distribution's data/import.
      Path imports = directory.resolve("import");
      Files.createDirectories(imports);
      for (Path realm : realmFiles) {
        String name = realmName(Files.readString(realm));
        Files.copy(
            realm,
            imports.resolve(name + "-realm.json"),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      Path log = directory.resolve("keycloak.log");
      ProcessBuilder builder =
          new ProcessBuilder(
                  kcSh.toString(),
                  "start-dev",
                  "--db=dev-mem",
                  "--http-host=127.0.0.1",
                  "--http-port=" + port,
                  "--hostname=http://127.0.0.1:" + port,
                  "--log-level=INFO")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      Map<String, String> env = builder.environment();
      env.put("JAVA_HOME", System.getProperty("java.home"));
      env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
      env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
      env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
      // What --import-realm does for data/import, for this directory: the directory import runs
      // at start-up and skips realms that exist (none do, the database is in memory).
      env.put("JAVA_OPTS_APPEND", "-Dkeycloak.migration.dir=" + imports.toAbsolutePath());
      KeycloakServer server = new KeycloakServer(port, log, builder.start());
      try {
        server.awaitReady(awaitRealm);
      } catch (RuntimeException e) {
        server.close();
        throw e;
      }
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start Keycloak", e);
    }
  }

  private static String realmName(String realmJson) {
    try (JsonReader reader = Json.createReader(new StringReader(realmJson))) {
      return reader.readObject().getString("realm");
    }
  }

  private void awaitReady(String realm) {
    URI discovery = URI.create(issuer(realm) + "/.well-known/openid-configuration");
    Tools.awaitHttpOk("Keycloak", process, discovery, START_TIMEOUT, log, 500);
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** The {@code iss} of the realm's tokens ({@code mp.jwt.verify.issuer}). */
  public String issuer(String realm) {
    return url() + "/realms/" + realm;
  }

  /** The realm's JSON Web Key Set ({@code mp.jwt.verify.publickey.location}). */
  public String jwksUrl(String realm) {
    return issuer(realm) + "/protocol/openid-connect/certs";
  }

  /** An access token for a user, by the resource owner password grant of a public client. */
  public String passwordGrant(String realm, String clientId, String username, String password) {
    return token(
        realm,
        Map.of(
            "grant_type",
            "password",
            "client_id",
            clientId,
            "username",
            username,
            "password",
            password));
  }

  /** An access token for a client's service account, by the client credentials grant. */
  public String clientCredentials(String realm, String clientId, String secret) {
    return token(
        realm,
        Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
  }

  private String token(String realm, Map<String, String> form) {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(URI.create(issuer(realm) + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formBody(form))));
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "token request to realm "
              + realm
              + " answered "
              + response.statusCode()
              + ": "
              + response.body());
    }
    return parse(response.body()).asJsonObject().getString("access_token");
  }

  /**
   * Rotates the realm's RS256 signing key through the admin REST API: adds a generated RSA key
   * provider with a higher priority than every other, then deletes the other RS256 providers (so
   * their keys leave the JWKS and tokens they signed stop verifying). Returns the new key's id
   * ({@code kid}).
   */
  public String rotateSigningKey(String realm) {
    String admin = adminToken();
    String base = url() + "/admin/realms/" + realm;
    String realmId = parse(adminGet(admin, base)).asJsonObject().getString("id");
    JsonArray providers =
        parse(adminGet(admin, base + "/components?type=org.keycloak.keys.KeyProvider"))
            .asJsonArray();
    List<String> oldRsa = new ArrayList<>();
    int highest = 0;
    for (JsonValue value : providers) {
      JsonObject provider = value.asJsonObject();
      JsonArray priority = provider.getJsonObject("config").getJsonArray("priority");
      if (priority != null && !priority.isEmpty()) {
        highest = Math.max(highest, Integer.parseInt(priority.getString(0)));
      }
      // The realm's RSA signing keys: generated ones and an imported one (the demo realm's).
      String kind = provider.getString("providerId");
      if ("rsa-generated".equals(kind) || "rsa".equals(kind)) {
        oldRsa.add(provider.getString("id"));
      }
    }
    String name = "rsa-rotated-" + System.currentTimeMillis();
    String body =
        Json.createObjectBuilder()
            .add("name", name)
            .add("providerId", "rsa-generated")
            .add("providerType", "org.keycloak.keys.KeyProvider")
            .add("parentId", realmId)
            .add(
                "config",
                Json.createObjectBuilder()
                    .add("priority", Json.createArrayBuilder().add(Integer.toString(highest + 100)))
                    .add("enabled", Json.createArrayBuilder().add("true"))
                    .add("active", Json.createArrayBuilder().add("true"))
                    .add("algorithm", Json.createArrayBuilder().add("RS256"))
                    .add("keySize", Json.createArrayBuilder().add("2048")))
            .build()
            .toString();
    HttpResponse<String> created =
        send(
            HttpRequest.newBuilder(URI.create(base + "/components"))
                .header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    expect(created, 201, "adding key provider " + name);
    String newProviderId =
        created.headers().firstValue("Location").orElseThrow().replaceAll(".*/", "");
    for (String id : oldRsa) {
      expect(
          send(
              HttpRequest.newBuilder(URI.create(base + "/components/" + id))
                  .header("Authorization", "Bearer " + admin)
                  .DELETE()),
          204,
          "deleting key provider " + id);
    }
    JsonArray keys = parse(adminGet(admin, base + "/keys")).asJsonObject().getJsonArray("keys");
    return keys.stream()
        .map(JsonValue::asJsonObject)
        .filter(k -> newProviderId.equals(k.getString("providerId", "")))
        .map(k -> k.getString("kid"))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no key of provider " + newProviderId));
  }

  /**
   * Lets a browser client of {@code realm} redirect to {@code redirectUri} and call the token
   * endpoint from {@code origin}, through the admin REST API: what a deployment does for its own
   * console address.
   */
  public void allowBrowserClient(String realm, String clientId, String redirectUri, String origin) {
    String admin = adminToken();
    String base = url() + "/admin/realms/" + realm + "/clients";
    JsonObject client =
        parse(adminGet(admin, base + "?clientId=" + clientId)).asJsonArray().getJsonObject(0);
    JsonObject changed =
        Json.createObjectBuilder(client)
            .add(
                "redirectUris",
                Json.createArrayBuilder(client.getJsonArray("redirectUris")).add(redirectUri))
            .add(
                "webOrigins",
                Json.createArrayBuilder(client.getJsonArray("webOrigins")).add(origin))
            .build();
    expect(
        send(
            HttpRequest.newBuilder(URI.create(base + "/" + client.getString("id")))
                .header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(changed.toString()))),
        204,
        "updating client " + clientId);
  }

  private String adminToken() {
    return passwordGrant("master", "admin-cli", ADMIN_USER, ADMIN_PASSWORD);
  }

  private String adminGet(String adminToken, String url) {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + adminToken)
                .GET());
    expect(response, 200, "GET " + url);
    return response.body();
  }

  private static void expect(HttpResponse<String> response, int status, String what) {
    if (response.statusCode() != status) {
      throw new IllegalStateException(
          what + " answered " + response.statusCode() + ": " + response.body());
    }
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return HTTP.send(
          request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonValue parse(String json) {
    try (JsonReader reader = Json.createReader(new StringReader(json))) {
      return reader.readValue();
    }
  }

  private static String formBody(Map<String, String> form) {
    return new LinkedHashMap<>(form)
        .entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
  }

  @Override
  public void close() {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    if (!Tools.waitForExit(process, Duration.ofSeconds(30))) {
      process.destroyForcibly();
      Tools.waitForExit(process, Duration.ofSeconds(10));
    }
    children.forEach(ProcessHandle::destroyForcibly);
  }
}
