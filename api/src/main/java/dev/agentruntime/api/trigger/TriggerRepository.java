package dev.agentruntime.api.trigger;

import static dev.agentruntime.api.db.SqlTimestamps.instant;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Triggers, with native SQL. Every method is tenant-first except {@link #findForDelivery}: an
 * inbound delivery carries no token, only the trigger's id, and its signature proves the rest.
 * Reads for the management API never select the sealed secret.
 */
@ApplicationScoped
public class TriggerRepository {

  static final String NAME_REGEX = "^[A-Za-z][A-Za-z0-9_.-]{0,62}$";

  /**
   * A JSON Pointer (RFC 6901): '' or segments each starting with '/', where '~' only escapes ('~0',
   * '~1'); the schema says so, so that a schema-valid pointer is never refused. No U+0000: the
   * reader refuses it in every string (PostgreSQL text cannot hold it), and a pattern of its own
   * replaces the schema's default one that says so.
   */
  static final String POINTER_REGEX = "^(/([^~/\\u0000]|~[01])*)*$";

  private static final String COLUMNS =
      "id, name, agent_name, agent_version, preset, input_pointer, enabled, tolerance_seconds,"
          + " created_at, created_by, case when previous_valid_until > now() then"
          + " previous_valid_until end";

  /**
   * What a delivery needs of its trigger: the sealed secret, and the one a rotation replaced while
   * its overlap lasts (else null).
   */
  record DeliveryTarget(
      String tenantId, TriggerResponse trigger, byte[] sealedSecret, byte[] previousSealedSecret) {}

  /** Stores a new trigger and answers it as stored; empty when the tenant has the name. */
  Optional<TriggerResponse> insert(
      String tenantId,
      UUID id,
      CreateTriggerRequest request,
      String inputPointer,
      int toleranceSeconds,
      byte[] sealedSecret,
      String actor) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em().createNativeQuery(
                "insert into trigger (id, tenant_id, name, agent_name, agent_version, preset,"
                    + " sealed_secret, input_pointer, tolerance_seconds, created_by) values (?1,"
                    + " ?2, ?3, ?4, nullif(?5, 0), ?6, ?7, ?8, ?9, ?10) on conflict (tenant_id, name) do"
                    + " nothing returning "
                    + COLUMNS)
            .setParameter(1, id)
            .setParameter(2, tenantId)
            .setParameter(3, request.name())
            .setParameter(4, request.agentName())
            // 0 for none: a null of no known type would be bound as bytea.
            .setParameter(5, request.version() == null ? 0 : request.version())
            .setParameter(6, request.preset())
            .setParameter(7, sealedSecret)
            .setParameter(8, inputPointer)
            .setParameter(9, toleranceSeconds)
            .setParameter(10, actor)
            .getResultList();
    return rows.stream().findFirst().map(TriggerRepository::response);
  }

  List<TriggerResponse> list(String tenantId) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em().createNativeQuery(
                "select "
                    + COLUMNS
                    + " from trigger where tenant_id = ?1 order by name collate \"C\"")
            .setParameter(1, tenantId)
            .getResultList();
    return rows.stream().map(TriggerRepository::response).toList();
  }

  Optional<TriggerResponse> find(String tenantId, UUID id) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em().createNativeQuery(
                "select " + COLUMNS + " from trigger where tenant_id = ?1 and id = ?2")
            .setParameter(1, tenantId)
            .setParameter(2, id)
            .getResultList();
    return rows.stream().findFirst().map(TriggerRepository::response);
  }

  Optional<DeliveryTarget> findForDelivery(UUID id) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em().createNativeQuery(
                "select "
                    + COLUMNS
                    + ", tenant_id, sealed_secret, case when previous_valid_until > now() then"
                    + " previous_sealed_secret end from trigger where id = ?1")
            .setParameter(1, id)
            .getResultList();
    return rows.stream()
        .findFirst()
        .map(
            row ->
                new DeliveryTarget(
                    (String) row[11], response(row), (byte[]) row[12], (byte[]) row[13]));
  }

  /**
   * Replaces the secret; the replaced one keeps verifying for {@code overlapSeconds} (none when 0).
   * False when the tenant has no such trigger.
   */
  boolean rotate(String tenantId, UUID id, byte[] sealedSecret, int overlapSeconds) {
    return em().createNativeQuery(
                "update trigger set previous_sealed_secret = case when ?4 > 0 then sealed_secret"
                    + " end, previous_valid_until = case when ?4 > 0 then now() +"
                    + " make_interval(secs => ?4) end, sealed_secret = ?3 where tenant_id = ?1"
                    + " and id = ?2")
            .setParameter(1, tenantId)
            .setParameter(2, id)
            .setParameter(3, sealedSecret)
            .setParameter(4, overlapSeconds)
            .executeUpdate()
        > 0;
  }

  /** Sets the changeable fields; false when the tenant has no such trigger. */
  boolean update(
      String tenantId, UUID id, boolean enabled, String inputPointer, int toleranceSeconds) {
    return em().createNativeQuery(
                "update trigger set enabled = ?3, input_pointer = ?4, tolerance_seconds = ?5"
                    + " where tenant_id = ?1 and id = ?2")
            .setParameter(1, tenantId)
            .setParameter(2, id)
            .setParameter(3, enabled)
            .setParameter(4, inputPointer)
            .setParameter(5, toleranceSeconds)
            .executeUpdate()
        > 0;
  }

  boolean delete(String tenantId, UUID id) {
    return em().createNativeQuery("delete from trigger where tenant_id = ?1 and id = ?2")
            .setParameter(1, tenantId)
            .setParameter(2, id)
            .executeUpdate()
        > 0;
  }

  private static TriggerResponse response(Object[] row) {
    UUID id = (UUID) row[0];
    return new TriggerResponse(
        id,
        (String) row[1],
        (String) row[2],
        row[3] == null ? null : ((Number) row[3]).intValue(),
        (String) row[4],
        (String) row[5],
        (Boolean) row[6],
        ((Number) row[7]).intValue(),
        "/v1/triggers/" + id,
        instant(row[8]),
        (String) row[9],
        row[10] == null ? null : instant(row[10]),
        null);
  }

  private static EntityManager em() {
    return Panache.getEntityManager();
  }
}
