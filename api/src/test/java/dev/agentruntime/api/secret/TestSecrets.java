package dev.agentruntime.api.secret;

import static dev.agentruntime.api.TestApi.as;

import dev.agentruntime.api.ApiTestServices;
import dev.agentruntime.api.TestApi;
import dev.agentruntime.core.secret.MasterKey;
import dev.agentruntime.core.secret.MasterKeyring;
import dev.agentruntime.core.secret.SecretEnvelope;
import io.restassured.response.Response;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * What the secret tests share: writing a secret over HTTP, and reading what the database holds.
 * Tests may unwrap data keys and open sealed values to prove what was stored; the API never does.
 */
final class TestSecrets {

  private TestSecrets() {}

  static Response put(String token, String name, String value) {
    return as(token).body(Map.of("value", value)).put("/v1/secrets/" + name);
  }

  /** The keyring the API under test runs with. */
  static MasterKeyring configuredKeyring() {
    String files =
        ConfigProvider.getConfig().getValue(ApiTestServices.MASTER_KEY_FILES, String.class);
    return MasterKeyring.load(List.of(Path.of(files)));
  }

  static String masterKeyId(String tenant) throws SQLException {
    return (String) column("select master_key_id from tenant_data_key where tenant_id = ?", tenant);
  }

  static byte[] wrappedKey(String tenant) throws SQLException {
    return (byte[]) column("select wrapped_key from tenant_data_key where tenant_id = ?", tenant);
  }

  static byte[] sealed(String tenant, String name) throws SQLException {
    return (byte[])
        column("select sealed from tenant_secret where tenant_id = ? and name = ?", tenant, name);
  }

  /** The tenant's data key in the clear, unwrapped with {@code master}. */
  static byte[] dataKey(String tenant, MasterKey master) throws SQLException {
    return SecretEnvelope.unwrap(master, tenant, wrappedKey(tenant));
  }

  /**
   * Every row of the tenant in both secret tables, whole, as PostgreSQL writes a row as text (bytea
   * as hex): what an operator reading the database, or a backup, would see.
   */
  static String rowsAsText(String tenant) throws SQLException {
    List<String> rows = new ArrayList<>();
    for (String table : List.of("tenant_secret", "tenant_data_key")) {
      try (Connection c = TestApi.db();
          PreparedStatement s =
              c.prepareStatement("select t::text from " + table + " t where tenant_id = ?")) {
        s.setString(1, tenant);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            rows.add(rs.getString(1));
          }
        }
      }
    }
    return String.join("\n", rows);
  }

  static void execute(String sql, Object... params) throws SQLException {
    try (Connection c = TestApi.db();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      s.executeUpdate();
    }
  }

  private static Object column(String sql, Object... params) throws SQLException {
    try (Connection c = TestApi.db();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getObject(1) : null;
      }
    }
  }
}
