package dev.agentruntime.api.secret;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;

/**
 * Tenants' data keys, only ever stored wrapped by a master key, with native SQL. Every method is
 * tenant-first except {@link #listNotWrappedBy} and {@link #count}, the platform-wide reads of the
 * master key rotation.
 */
@ApplicationScoped
public class TenantDataKeyRepository {

  /** A tenant's data key as stored: wrapped, and the id of the master key that wrapped it. */
  public record WrappedDataKey(String tenantId, String masterKeyId, byte[] wrappedKey) {}

  /** A data key the rotation must re-wrap: its tenant and the master key it is wrapped by now. */
  public record StaleDataKey(String tenantId, String masterKeyId) {}

  public Optional<WrappedDataKey> find(String tenantId) {
    return one(
        "select master_key_id, wrapped_key from tenant_data_key where tenant_id = ?1", tenantId);
  }

  /** The tenant's data key, its row locked until the transaction ends. */
  public Optional<WrappedDataKey> lock(String tenantId) {
    return one(
        "select master_key_id, wrapped_key from tenant_data_key where tenant_id = ?1 for update",
        tenantId);
  }

  /**
   * Stores the tenant's first data key unless it has one. Concurrent first writes of a tenant both
   * get here; the loser's insert waits for the winner's commit and then does nothing, so both go on
   * with the winner's key once they read it back.
   */
  public void insertIfAbsent(String tenantId, String masterKeyId, byte[] wrappedKey) {
    em().createNativeQuery(
            "insert into tenant_data_key (tenant_id, master_key_id, wrapped_key) values (?1, ?2,"
                + " ?3) on conflict (tenant_id) do nothing")
        .setParameter(1, tenantId)
        .setParameter(2, masterKeyId)
        .setParameter(3, wrappedKey)
        .executeUpdate();
  }

  /** Replaces the wrapping of the tenant's data key (the data key itself does not change). */
  public void rewrap(String tenantId, String masterKeyId, byte[] wrappedKey) {
    em().createNativeQuery(
            "update tenant_data_key set master_key_id = ?2, wrapped_key = ?3, rewrapped_at = now()"
                + " where tenant_id = ?1")
        .setParameter(1, tenantId)
        .setParameter(2, masterKeyId)
        .setParameter(3, wrappedKey)
        .executeUpdate();
  }

  /** Every data key wrapped by another master key than {@code masterKeyId}, by tenant. */
  public List<StaleDataKey> listNotWrappedBy(String masterKeyId) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em().createNativeQuery(
                "select tenant_id, master_key_id from tenant_data_key where master_key_id <> ?1"
                    + " order by tenant_id")
            .setParameter(1, masterKeyId)
            .getResultList();
    return rows.stream().map(row -> new StaleDataKey((String) row[0], (String) row[1])).toList();
  }

  public long count() {
    return ((Number)
            em().createNativeQuery("select count(*) from tenant_data_key").getSingleResult())
        .longValue();
  }

  private static Optional<WrappedDataKey> one(String sql, String tenantId) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows = em().createNativeQuery(sql).setParameter(1, tenantId).getResultList();
    return rows.stream()
        .findFirst()
        .map(row -> new WrappedDataKey(tenantId, (String) row[0], (byte[]) row[1]));
  }

  private static EntityManager em() {
    return Panache.getEntityManager();
  }
}
