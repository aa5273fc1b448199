package dev.agentruntime.api;

import static io.restassured.RestAssured.given;

import dev.agentruntime.embedded.DevTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;

/** Calls the tests share: tokens, fresh tenants, agents and versions, direct database access. */
public final class TestApi {

  private TestApi() {}

  public static DevTokens tokens() {
    return DevTokens.inDirectory(
        Path.of(ConfigProvider.getConfig().getValue(ApiTestServices.KEYS_DIR, String.class)));
  }

  public static String platformAdminToken() {
    return tokens().platformAdmin(Duration.ofMinutes(10));
  }

  public static String tenantToken(String tenant) {
    return tokens().tenantAdmin(tenant, Duration.ofMinutes(10));
  }

  /** The key the API trusts, for tokens the dev minting helpers cannot make (odd claims). */
  public static java.security.PrivateKey signingKey() throws Exception {
    Path dir = Path.of(ConfigProvider.getConfig().getValue(ApiTestServices.KEYS_DIR, String.class));
    String pem =
        java.nio.file.Files.readString(
                dir.resolve("private-key.pem"), java.nio.charset.StandardCharsets.US_ASCII)
            .replaceAll("-----[A-Z ]+-----", "")
            .replaceAll("\\s", "");
    return java.security.KeyFactory.getInstance("RSA")
        .generatePrivate(
            new java.security.spec.PKCS8EncodedKeySpec(java.util.Base64.getDecoder().decode(pem)));
  }

  public static String tokenWithRoles(String tenant, String... roles) {
    return tokens().mint("user-" + tenant, tenant, Set.of(roles), Duration.ofMinutes(10));
  }

  public static RequestSpecification as(String token) {
    return given().auth().oauth2(token).contentType(ContentType.JSON);
  }

  /** Creates a tenant with a fresh id and returns the id. */
  public static String newTenant() {
    String tenant = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    as(platformAdminToken())
        .body(Map.of("id", tenant, "displayName", "Test " + tenant))
        .post("/v1/tenants")
        .then()
        .statusCode(201);
    return tenant;
  }

  /** Creates an agent and returns its id. */
  public static String newAgent(String tenant, String name) {
    return as(tenantToken(tenant))
        .body(Map.of("name", name))
        .post("/v1/agents")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  /** A valid spec; {@code instructions} makes it distinct. */
  public static Map<String, Object> spec(String instructions) {
    return Map.of(
        "model", Map.of("provider", "demo"),
        "instructions", instructions,
        "tools", List.of(Map.of("name", "write_artifact", "kind", "write_artifact")),
        "limits", Map.of("maxSteps", 5));
  }

  /** Publishes a valid spec and returns the version number. */
  public static int publish(String tenant, String agentId, String instructions) {
    return as(tenantToken(tenant))
        .body(Map.of("spec", spec(instructions)))
        .post("/v1/agents/" + agentId + "/versions")
        .then()
        .statusCode(201)
        .extract()
        .path("version");
  }

  /** A tenant with one agent named {@code name} that has one published version. */
  public static String agentWithVersion(String tenant, String name) {
    String agentId = newAgent(tenant, name);
    publish(tenant, agentId, "Be helpful.");
    return agentId;
  }

  /** Starts a run of {@code agentId} as the tenant's admin, with an empty input; answers its id. */
  public static String startRun(String tenant, String agentId) {
    return as(tenantToken(tenant))
        .body(Map.of("agentId", agentId, "input", Map.of()))
        .post("/v1/runs")
        .then()
        .statusCode(202)
        .extract()
        .path("id");
  }

  public static Connection db() throws SQLException {
    var config = ConfigProvider.getConfig();
    return DriverManager.getConnection(
        config.getValue("quarkus.datasource.jdbc.url", String.class),
        config.getValue("quarkus.datasource.username", String.class),
        config.getValue("quarkus.datasource.password", String.class));
  }

  /** Rows of {@code table} (a fixed name from the test) matching {@code where}. */
  public static long count(String table, String where, Object... params) throws SQLException {
    try (Connection c = db();
        PreparedStatement s =
            c.prepareStatement("select count(*) from " + table + " where " + where)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /**
   * Runs one statement (a fixed text from the test) with its parameters, as a worker or a crash
   * would have left the database: a run aged or finished by hand, a lease left behind.
   */
  public static void execute(String sql, Object... params) throws SQLException {
    try (Connection c = db();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      s.execute();
    }
  }

  /** Rows of {@code table} in total. */
  public static long count(String table) throws SQLException {
    return count(table, "true");
  }
}
