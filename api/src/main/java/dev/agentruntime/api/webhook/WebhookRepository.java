package dev.agentruntime.api.webhook;

import static dev.agentruntime.api.db.SqlTimestamps.instant;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Webhooks and their delivery log, with native SQL, every method tenant-first. Reads for the API
 * never select a sealed secret except {@link #sealedSecret}, which a rotation needs. Deliveries are
 * written by the database itself (migration V14's fan-out) and by the worker's sender; the API only
 * reads them and puts one back to pending for a redelivery.
 */
@ApplicationScoped
public class WebhookRepository {

  // Event types travel as one comma-separated text: none holds a comma, and a text binds plainly.
  private static final String COLUMNS =
      "id, name, url, array_to_string(event_types, ','), enabled, disabled_reason,"
          + " case when previous_secret_expires_at > now() then previous_secret_expires_at end,"
          + " created_at, created_by";

  private static final String DELIVERY_COLUMNS =
      "id, message_id, run_id, seq, type, status, attempts, next_attempt_at, last_status_code,"
          + " last_error, last_latency_ms, created_at, delivered_at, schedule_id";

  /** Stores a new webhook and answers it as stored; empty when the tenant has the name. */
  Optional<WebhookResponse> insert(
      String tenantId,
      UUID id,
      String name,
      String url,
      List<String> eventTypes,
      boolean enabled,
      byte[] sealedSecret,
      String actor) {
    return first(
        em().createNativeQuery(
                "insert into webhook (id, tenant_id, name, url, event_types, enabled,"
                    + " sealed_secret, created_by) values (?1, ?2, ?3, ?4,"
                    + " string_to_array(?5, ',')::webhook_event_type[], ?6, ?7, ?8)"
                    + " on conflict (tenant_id, name) do nothing returning "
                    + COLUMNS)
            .setParameter(1, id)
            .setParameter(2, tenantId)
            .setParameter(3, name)
            .setParameter(4, url)
            .setParameter(5, String.join(",", eventTypes))
            .setParameter(6, enabled)
            .setParameter(7, sealedSecret)
            .setParameter(8, actor)
            .getResultList());
  }

  List<WebhookResponse> list(String tenantId) {
    return rows(
            em().createNativeQuery(
                    "select "
                        + COLUMNS
                        + " from webhook where tenant_id = ?1 order by name collate \"C\"")
                .setParameter(1, tenantId)
                .getResultList())
        .stream()
        .map(WebhookRepository::response)
        .toList();
  }

  Optional<WebhookResponse> find(String tenantId, UUID id) {
    return first(
        em().createNativeQuery(
                "select " + COLUMNS + " from webhook where tenant_id = ?1 and id = ?2")
            .setParameter(1, tenantId)
            .setParameter(2, id)
            .getResultList());
  }

  /** Sets the changeable fields; enabling clears the sender's reason for disabling. */
  void update(String tenantId, UUID id, String url, List<String> eventTypes, boolean enabled) {
    em().createNativeQuery(
            "update webhook set url = ?3, event_types = string_to_array(?4,"
                + " ',')::webhook_event_type[], enabled = ?5, disabled_reason = case when ?5 then"
                + " null else disabled_reason end where tenant_id = ?1 and id = ?2")
        .setParameter(1, tenantId)
        .setParameter(2, id)
        .setParameter(3, url)
        .setParameter(4, String.join(",", eventTypes))
        .setParameter(5, enabled)
        .executeUpdate();
  }

  boolean delete(String tenantId, UUID id) {
    return em().createNativeQuery("delete from webhook where tenant_id = ?1 and id = ?2")
            .setParameter(1, tenantId)
            .setParameter(2, id)
            .executeUpdate()
        > 0;
  }

  /** The current sealed secret, the row locked for a rotation. */
  Optional<byte[]> sealedSecret(String tenantId, UUID id) {
    @SuppressWarnings("unchecked")
    List<byte[]> rows =
        em().createNativeQuery(
                "select sealed_secret from webhook where tenant_id = ?1 and id = ?2 for update")
            .setParameter(1, tenantId)
            .setParameter(2, id)
            .getResultList();
    return rows.stream().findFirst();
  }

  /**
   * The new secret signs from now on; the previous one beside it until {@code previousUntil}, or
   * not at all when {@code previousUntil} is null.
   */
  void rotate(
      String tenantId, UUID id, byte[] sealedSecret, byte[] previous, Instant previousUntil) {
    var query =
        previousUntil == null
            ? em().createNativeQuery(
                    "update webhook set sealed_secret = ?3, previous_sealed_secret = null,"
                        + " previous_secret_expires_at = null where tenant_id = ?1 and id = ?2")
            : em().createNativeQuery(
                    "update webhook set sealed_secret = ?3, previous_sealed_secret = ?4,"
                        + " previous_secret_expires_at = ?5 where tenant_id = ?1 and id = ?2")
                .setParameter(4, previous)
                .setParameter(5, previousUntil);
    query
        .setParameter(1, tenantId)
        .setParameter(2, id)
        .setParameter(3, sealedSecret)
        .executeUpdate();
  }

  /**
   * A page of the webhook's deliveries, newest first, after the delivery {@code after} (null: from
   * the newest); empty when {@code after} is not one of this webhook's.
   */
  Optional<List<WebhookDeliveryResponse>> deliveries(
      String tenantId, UUID webhookId, UUID after, int limit) {
    String from = " from webhook_delivery where tenant_id = ?1 and webhook_id = ?2";
    if (after != null
        && rows(em().createNativeQuery("select 1" + from + " and id = ?3")
                .setParameter(1, tenantId)
                .setParameter(2, webhookId)
                .setParameter(3, after)
                .getResultList())
            .isEmpty()) {
      return Optional.empty();
    }
    String sql =
        "select "
            + DELIVERY_COLUMNS
            + from
            + (after == null
                ? " order by created_at desc, id desc limit ?3"
                : " and (created_at, id) < (select created_at, id from webhook_delivery"
                    + " where id = ?3) order by created_at desc, id desc limit ?4");
    var query = em().createNativeQuery(sql).setParameter(1, tenantId).setParameter(2, webhookId);
    if (after == null) {
      query.setParameter(3, limit);
    } else {
      query.setParameter(3, after).setParameter(4, limit);
    }
    return Optional.of(
        rows(query.getResultList()).stream().map(WebhookRepository::delivery).toList());
  }

  Optional<WebhookDeliveryResponse> delivery(String tenantId, UUID webhookId, UUID id) {
    return rows(
            em().createNativeQuery(
                    "select "
                        + DELIVERY_COLUMNS
                        + " from webhook_delivery where tenant_id = ?1 and webhook_id = ?2"
                        + " and id = ?3")
                .setParameter(1, tenantId)
                .setParameter(2, webhookId)
                .setParameter(3, id)
                .getResultList())
        .stream()
        .findFirst()
        .map(WebhookRepository::delivery);
  }

  /**
   * Puts a delivery back to pending with a fresh retry schedule, due now, and wakes the senders
   * (the notification goes out at commit). Its message id stays, so a receiver that had it dedupes.
   */
  void redeliver(String tenantId, UUID webhookId, UUID id) {
    em().createNativeQuery(
            "update webhook_delivery set status = 'pending', attempts = 0, next_attempt_at ="
                + " now(), delivered_at = null where tenant_id = ?1 and webhook_id = ?2 and id ="
                + " ?3")
        .setParameter(1, tenantId)
        .setParameter(2, webhookId)
        .setParameter(3, id)
        .executeUpdate();
    em().createNativeQuery("select pg_notify('webhook_delivery', '')").getResultList();
  }

  private static Optional<WebhookResponse> first(List<?> rows) {
    return rows(rows).stream().findFirst().map(WebhookRepository::response);
  }

  @SuppressWarnings("unchecked")
  private static List<Object[]> rows(List<?> rows) {
    return (List<Object[]>) rows;
  }

  private static WebhookResponse response(Object[] row) {
    return new WebhookResponse(
        (UUID) row[0],
        (String) row[1],
        (String) row[2],
        Arrays.asList(((String) row[3]).split(",")),
        (Boolean) row[4],
        (String) row[5],
        row[6] == null ? null : instant(row[6]),
        instant(row[7]),
        (String) row[8],
        null);
  }

  private static WebhookDeliveryResponse delivery(Object[] row) {
    return new WebhookDeliveryResponse(
        (UUID) row[0],
        (String) row[1],
        (UUID) row[2],
        (UUID) row[13],
        ((Number) row[3]).intValue(),
        (String) row[4],
        (String) row[5],
        ((Number) row[6]).intValue(),
        instant(row[7]),
        row[8] == null ? null : ((Number) row[8]).intValue(),
        (String) row[9],
        row[10] == null ? null : ((Number) row[10]).intValue(),
        instant(row[11]),
        row[12] == null ? null : instant(row[12]));
  }

  private static EntityManager em() {
    return Panache.getEntityManager();
  }
}
