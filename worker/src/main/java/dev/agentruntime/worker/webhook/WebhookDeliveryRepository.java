package dev.agentruntime.worker.webhook;

import dev.agentruntime.worker.store.StoreException;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The sender's side of the outbox {@code webhook_delivery} (migration V14), which the database
 * fills itself when an event is appended. A claim moves the row's {@code next_attempt_at} past the
 * attempt's own time cap in the same statement that picks it ({@code FOR UPDATE SKIP LOCKED}), so
 * several workers never send one row at once and a worker that dies mid-attempt leaves the row to
 * be claimed again after the lease: at least once, never lost. Every outcome is written only if the
 * row is still at the attempt that claimed it.
 */
@Singleton
public class WebhookDeliveryRepository {

  /**
   * Due pending rows whose run (or schedule) has no earlier pending row for the same webhook (order
   * per run and per schedule), oldest first, with their webhook, the tenant's wrapped data key and
   * the event: a run's (with its agent) or a schedule's.
   */
  private static final String CLAIM =
      """
      with due as (
        select d.id from webhook_delivery d
        where d.status = 'pending' and d.next_attempt_at <= now()
          and not exists (select 1 from webhook_delivery e
                          where e.webhook_id = d.webhook_id
                            and (e.run_id = d.run_id or e.schedule_id = d.schedule_id)
                            and e.seq < d.seq and e.status = 'pending')
        order by d.next_attempt_at, d.seq
        limit ?
        for update of d skip locked),
      claimed as (
        update webhook_delivery d
           set next_attempt_at = now() + make_interval(secs => ?), attempts = d.attempts + 1
          from due
         where d.id = due.id
        returning d.*)
      select c.id, c.message_id, c.tenant_id, c.webhook_id, w.url, w.enabled, c.type,
             c.run_id, c.seq, c.attempts, coalesce(e.type, s.type),
             coalesce(e.payload, s.payload)::text, coalesce(e.created_at, s.created_at), a.name,
             w.sealed_secret,
             case when w.previous_secret_expires_at > now() then w.previous_sealed_secret end,
             k.master_key_id, k.wrapped_key, c.schedule_id
        from claimed c
        join webhook w on w.id = c.webhook_id
        join tenant_data_key k on k.tenant_id = w.tenant_id
        left join run_event e on e.run_id = c.run_id and e.seq = c.seq
        left join run r on r.id = c.run_id
        left join agent a on a.id = r.agent_id
        left join schedule_event s on s.schedule_id = c.schedule_id and s.seq = c.seq
      """;

  private final DataSource dataSource;

  public WebhookDeliveryRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Claims up to {@code limit} due deliveries for one attempt each.
   *
   * @param lease how long the claim holds: longer than an attempt may take
   */
  public List<ClaimedDelivery> claim(int limit, Duration lease) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(CLAIM)) {
      ps.setInt(1, limit);
      ps.setDouble(2, lease.toMillis() / 1000.0);
      List<ClaimedDelivery> claimed = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          claimed.add(
              new ClaimedDelivery(
                  rs.getObject(1, UUID.class),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getObject(4, UUID.class),
                  rs.getString(5),
                  rs.getBoolean(6),
                  rs.getString(7),
                  rs.getObject(8, UUID.class),
                  rs.getInt(9),
                  rs.getInt(10),
                  rs.getString(11),
                  rs.getString(12),
                  rs.getTimestamp(13).toInstant(),
                  rs.getString(14),
                  rs.getBytes(15),
                  rs.getBytes(16),
                  rs.getString(17),
                  rs.getBytes(18),
                  rs.getObject(19, UUID.class)));
        }
      }
      return claimed;
    } catch (SQLException e) {
      throw new StoreException("webhook deliveries not claimed", e);
    }
  }

  /** A 2xx answer: delivered. */
  public void delivered(ClaimedDelivery d, int status, long latencyMillis) {
    execute(
        d,
        "update webhook_delivery set status = 'delivered', delivered_at = now(),"
            + " last_status_code = ?, last_error = null, last_latency_ms = ?"
            + " where id = ? and attempts = ? and status = 'pending'",
        status,
        (int) latencyMillis);
  }

  /**
   * A failed attempt, to be tried again after {@code delay}.
   *
   * @param status the answer's HTTP status, null when there was none
   * @param latencyMillis the attempt's time, null when nothing was sent
   */
  public void retryLater(
      ClaimedDelivery d, Integer status, String error, Integer latencyMillis, Duration delay) {
    execute(
        d,
        "update webhook_delivery set next_attempt_at = now() + make_interval(secs => ?),"
            + " last_status_code = ?, last_error = ?, last_latency_ms = ?"
            + " where id = ? and attempts = ? and status = 'pending'",
        delay.toMillis() / 1000.0,
        status,
        cut(error),
        latencyMillis);
  }

  /** An attempt that ends the delivery: retries exhausted, or nothing a retry could change. */
  public void failed(ClaimedDelivery d, Integer status, String error, Integer latencyMillis) {
    execute(
        d,
        "update webhook_delivery set status = 'failed', last_status_code = ?, last_error = ?,"
            + " last_latency_ms = ? where id = ? and attempts = ? and status = 'pending'",
        status,
        cut(error),
        latencyMillis);
  }

  /** The webhook was disabled before this delivery went out: nothing was sent. */
  public void abandoned(ClaimedDelivery d) {
    execute(
        d,
        "update webhook_delivery set status = 'abandoned', attempts = attempts - 1,"
            + " last_error = 'the webhook is disabled; nothing was sent'"
            + " where id = ? and attempts = ? and status = 'pending'");
  }

  /** Runs an update of one claimed row: {@code params}, then the row's id and attempt. */
  private void execute(ClaimedDelivery d, String sql, Object... params) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      for (Object param : params) {
        ps.setObject(i++, param);
      }
      ps.setObject(i++, d.id());
      ps.setInt(i, d.attempt());
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("webhook delivery " + d.id() + " not updated", e);
    }
  }

  /**
   * The endpoint answered 410 Gone: the delivery failed, the webhook is disabled with the reason,
   * and its other pending deliveries are abandoned, in one transaction.
   */
  public void gone(ClaimedDelivery d, long latencyMillis, String reason) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement ps =
            c.prepareStatement(
                "update webhook set enabled = false, disabled_reason = ? where id = ?")) {
          ps.setString(1, cut(reason));
          ps.setObject(2, d.webhookId());
          ps.executeUpdate();
        }
        try (PreparedStatement ps =
            c.prepareStatement(
                "update webhook_delivery set status = 'failed', last_status_code = 410,"
                    + " last_error = ?, last_latency_ms = ? where id = ?")) {
          ps.setString(1, cut(reason));
          ps.setInt(2, (int) latencyMillis);
          ps.setObject(3, d.id());
          ps.executeUpdate();
        }
        try (PreparedStatement ps =
            c.prepareStatement(
                "update webhook_delivery set status = 'abandoned', last_error = ?"
                    + " where webhook_id = ? and status = 'pending'")) {
          ps.setString(1, "the webhook was disabled: " + cut(reason));
          ps.setObject(2, d.webhookId());
          ps.executeUpdate();
        }
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("webhook " + d.webhookId() + " not disabled", e);
    }
  }

  private static String cut(String text) {
    return text == null || text.length() <= 1024 ? text : text.substring(0, 1021) + "...";
  }
}
