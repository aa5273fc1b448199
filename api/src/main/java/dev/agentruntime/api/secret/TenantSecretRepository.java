package dev.agentruntime.api.secret;

import static dev.agentruntime.api.db.SqlTimestamps.instant;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A tenant's secrets, with native SQL; every method is tenant-first. Reads select metadata only:
 * the sealed value is written here and never read back by the API (the worker opens it).
 */
@ApplicationScoped
public class TenantSecretRepository {

  private static final String METADATA =
      "name, fingerprint, version, created_at, created_by, updated_at, updated_by";

  /**
   * Stores the sealed value as the tenant's secret {@code name}: a new secret at version 1, or the
   * next version of an existing one (its creation is kept). One statement, so two concurrent puts
   * of the same name are numbered one after the other.
   */
  public SecretResponse upsert(
      String tenantId, String name, byte[] sealed, String fingerprint, String actor) {
    Object[] row =
        (Object[])
            em().createNativeQuery(
                    "insert into tenant_secret as s (tenant_id, name, sealed, fingerprint, version,"
                        + " created_at, created_by, updated_at, updated_by) values (?1, ?2, ?3, ?4,"
                        + " 1, now(), ?5, now(), ?5) on conflict (tenant_id, name) do update set"
                        + " sealed = excluded.sealed, fingerprint = excluded.fingerprint, version ="
                        + " s.version + 1, updated_at = excluded.updated_at, updated_by ="
                        + " excluded.updated_by returning "
                        + METADATA)
                .setParameter(1, tenantId)
                .setParameter(2, name)
                .setParameter(3, sealed)
                .setParameter(4, fingerprint)
                .setParameter(5, actor)
                .getSingleResult();
    return response(row);
  }

  public Optional<SecretResponse> find(String tenantId, String name) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em().createNativeQuery(
                "select " + METADATA + " from tenant_secret where tenant_id = ?1 and name = ?2")
            .setParameter(1, tenantId)
            .setParameter(2, name)
            .getResultList();
    return rows.stream().findFirst().map(TenantSecretRepository::response);
  }

  public List<SecretResponse> list(String tenantId) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em().createNativeQuery(
                // Byte order: names mix cases and punctuation, which a locale's collation would
                // order differently from one database to the next.
                "select "
                    + METADATA
                    + " from tenant_secret where tenant_id = ?1 order by name collate \"C\"")
            .setParameter(1, tenantId)
            .getResultList();
    return rows.stream().map(TenantSecretRepository::response).toList();
  }

  /** Whether the tenant had the secret (it has not any more). */
  public boolean delete(String tenantId, String name) {
    return em().createNativeQuery("delete from tenant_secret where tenant_id = ?1 and name = ?2")
            .setParameter(1, tenantId)
            .setParameter(2, name)
            .executeUpdate()
        > 0;
  }

  /** Which of {@code names} the tenant has a secret of. */
  public Set<String> existing(String tenantId, Collection<String> names) {
    if (names.isEmpty()) {
      return Set.of();
    }
    @SuppressWarnings("unchecked")
    List<String> rows =
        em().createNativeQuery(
                "select name from tenant_secret where tenant_id = :tenant and name in (:names)",
                String.class)
            .setParameter("tenant", tenantId)
            .setParameter("names", names)
            .getResultList();
    return new HashSet<>(rows);
  }

  private static SecretResponse response(Object[] row) {
    return new SecretResponse(
        (String) row[0],
        (String) row[1],
        ((Number) row[2]).intValue(),
        instant(row[3]),
        (String) row[4],
        instant(row[5]),
        (String) row[6]);
  }

  private static EntityManager em() {
    return Panache.getEntityManager();
  }
}
