package dev.agentruntime.worker.webhook;

import dev.agentruntime.core.run.event.ApprovalRequested;
import dev.agentruntime.core.run.event.RunEnded;
import dev.agentruntime.core.webhook.StandardWebhooks;
import dev.agentruntime.core.workflow.RunWorkflowInput;
import dev.agentruntime.embedded.LocalPostgres;
import dev.agentruntime.worker.TestInfrastructure;
import dev.agentruntime.worker.TestSpecs;
import dev.agentruntime.worker.egress.Egress;
import dev.agentruntime.worker.secret.SealedValues;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Webhooks on the worker's test database, stored as the API stores them (the secret sealed with the
 * tenant's data key under {@code webhook <id>}), runs whose events fan out to them, and senders.
 */
final class WebhookFixture implements AutoCloseable {

  /** One row of webhook_delivery. */
  record Row(
      UUID id,
      String messageId,
      UUID runId,
      int seq,
      String type,
      String status,
      int attempts,
      Integer lastStatusCode,
      String lastError,
      Integer lastLatencyMs) {}

  /** Retries after 100 ms, 200 ms, 400 ms, then 1 s five times; no jitter. */
  static final WebhookSettings FAST =
      new WebhookSettings(
          List.of(
              Duration.ofMillis(100),
              Duration.ofMillis(200),
              Duration.ofMillis(400),
              Duration.ofSeconds(1),
              Duration.ofSeconds(1),
              Duration.ofSeconds(1),
              Duration.ofSeconds(1),
              Duration.ofSeconds(1)),
          0,
          Duration.ofSeconds(10),
          Duration.ofSeconds(5),
          Duration.ofMillis(500),
          4);

  final TestInfrastructure infra = TestInfrastructure.get();
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final List<WebhookDispatcher> dispatchers = new ArrayList<>();
  private final List<UUID> webhooks = new ArrayList<>();

  /** A run of a fresh tenant (its events are appended by the test). */
  RunWorkflowInput run() {
    return infra.seedRun(TestSpecs.openAi("http://127.0.0.1:9/v1"), "{\"q\":1}");
  }

  /** Another run of the same tenant and agent. */
  RunWorkflowInput anotherRun(RunWorkflowInput run) {
    return infra.seedRunOfSameVersion(run, "{\"q\":2}");
  }

  /** A webhook of {@code tenant} to {@code url} for {@code types}; answers its new secret. */
  String webhook(String tenant, UUID id, String url, String... types) {
    String secret = StandardWebhooks.newSecret();
    try (Connection c = infra.dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "insert into webhook (id, tenant_id, name, url, event_types, sealed_secret,"
                    + " created_by) values (?, ?, ?, ?, ?::webhook_event_type[], ?, 'test')")) {
      byte[] sealed =
          infra.seal(tenant, dev.agentruntime.core.webhook.WebhookSecretNames.of(id), secret);
      Array array = c.createArrayOf("text", types);
      ps.setObject(1, id);
      ps.setString(2, tenant);
      ps.setString(3, "hook-" + id.toString().substring(0, 8));
      ps.setString(4, url);
      ps.setArray(5, array);
      ps.setBytes(6, sealed);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    webhooks.add(id);
    return secret;
  }

  /** Makes {@code previous} the webhook's previous secret, valid for {@code overlap} from now. */
  void previousSecret(String tenant, UUID id, String previous, Duration overlap) {
    infra.execute(
        "update webhook set previous_sealed_secret = ?,"
            + " previous_secret_expires_at = now() + make_interval(secs => ?) where id = ?",
        infra.seal(tenant, dev.agentruntime.core.webhook.WebhookSecretNames.of(id), previous),
        overlap.toMillis() / 1000.0,
        id);
  }

  int succeeded(RunWorkflowInput run) {
    return infra.events.append(
        run.tenantId(), run.runId(), "end", new RunEnded.Succeeded("succeeded", 2, 40, null));
  }

  int waitingForApproval(RunWorkflowInput run) {
    return infra.events.append(
        run.tenantId(),
        run.runId(),
        "approval-1",
        new ApprovalRequested(
            "ap-1", 1, 0, "call-1", "deploy", "0".repeat(64), "2030-01-01T00:00:00Z", List.of()));
  }

  /**
   * A {@code schedule.fires_missed} event of {@code schedule}, appended as the API's watcher does
   * (the schedule's row itself is the API's concern: the event outlives it).
   */
  void firesMissed(String tenant, UUID schedule, int seq, long missed, long total) {
    infra.execute(
        "insert into schedule_event (tenant_id, schedule_id, seq, type, payload)"
            + " values (?, ?, ?, 'schedule.fires_missed', jsonb_build_object('scheduleName',"
            + " 'every-2s', 'missed', ?::bigint, 'totalMissed', ?::bigint, 'noticedAt',"
            + " '2026-12-07T03:30:00Z'))",
        tenant,
        schedule,
        seq,
        missed,
        total);
  }

  /** Starts a sender over the test database (LISTEN included) with {@code egress}. */
  WebhookDispatcher sender(Egress egress, WebhookSettings settings) {
    WebhookDispatcher dispatcher =
        new WebhookDispatcher(
            new WebhookDeliveryRepository(infra.dataSource),
            new SealedValues(infra.keyring),
            egress,
            settings,
            new WebhookMetrics(meters),
            infra.postgres.jdbcUrl(),
            LocalPostgres.USER,
            LocalPostgres.PASSWORD);
    dispatchers.add(dispatcher);
    dispatcher.start();
    return dispatcher;
  }

  List<Row> deliveries(UUID webhookId) {
    List<Row> rows = new ArrayList<>();
    try (Connection c = infra.dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "select id, message_id, run_id, seq, type, status, attempts, last_status_code,"
                    + " last_error, last_latency_ms from webhook_delivery where webhook_id = ?"
                    + " order by run_id, seq")) {
      ps.setObject(1, webhookId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(
              new Row(
                  rs.getObject(1, UUID.class),
                  rs.getString(2),
                  rs.getObject(3, UUID.class),
                  rs.getInt(4),
                  rs.getString(5),
                  rs.getString(6),
                  rs.getInt(7),
                  (Integer) rs.getObject(8),
                  rs.getString(9),
                  (Integer) rs.getObject(10)));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The webhook's enabled flag and disabled reason. */
  Object[] webhookState(UUID id) {
    try (Connection c = infra.dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement("select enabled, disabled_reason from webhook where id = ?")) {
      ps.setObject(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new Object[] {rs.getBoolean(1), rs.getString(2)};
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Stops the senders and deletes the webhooks (and so their deliveries): no test sees another's.
   */
  @Override
  public void close() {
    dispatchers.forEach(d -> d.stop(Duration.ofSeconds(5)));
    webhooks.forEach(id -> infra.execute("delete from webhook where id = ?", id));
  }
}
