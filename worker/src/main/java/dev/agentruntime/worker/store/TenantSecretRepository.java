package dev.agentruntime.worker.store;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Reads a tenant's sealed secret with its tenant's wrapped data key, in one select. The worker
 * never writes secrets (the API does); it opens them at the moment of use.
 */
@Singleton
public class TenantSecretRepository {

  /** What opening a secret needs: the sealed value and the wrapped data key that seals it. */
  public record Sealed(byte[] sealed, String masterKeyId, byte[] wrappedKey) {}

  private final DataSource dataSource;

  public TenantSecretRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public Optional<Sealed> find(String tenantId, String name) {
    String sql =
        "select s.sealed, k.master_key_id, k.wrapped_key from tenant_secret s"
            + " join tenant_data_key k on k.tenant_id = s.tenant_id"
            + " where s.tenant_id = ? and s.name = ?";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, tenantId);
      ps.setString(2, name);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new Sealed(rs.getBytes(1), rs.getString(2), rs.getBytes(3)));
      }
    } catch (SQLException e) {
      throw new StoreException("secret " + name + " not read", e);
    }
  }
}
