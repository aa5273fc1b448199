package dev.agentruntime.api.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * {@code agent_runtime_approvals_pending{tenant}}: tool calls waiting for a person's decision, per
 * tenant. Counted in PostgreSQL on a timer, never on a scrape, so scrapers (however many, however
 * often) cost the database one grouped count per interval per API instance. A tenant appears once
 * it has had a pending approval since this instance started, and reads 0 when it has none left.
 */
@ApplicationScoped
public class PendingApprovalsGauge {

  private static final Logger LOG = Logger.getLogger(PendingApprovalsGauge.class);
  private static final String SQL =
      "select tenant_id, count(*) from run_approval where status = 'pending' group by tenant_id";

  private final DataSource dataSource;
  private final MeterRegistry registry;

  /** The gauges read these; the map holds them strongly (Micrometer holds gauge state weakly). */
  private final ConcurrentMap<String, AtomicLong> pending = new ConcurrentHashMap<>();

  public PendingApprovalsGauge(DataSource dataSource, MeterRegistry registry) {
    this.dataSource = dataSource;
    this.registry = registry;
  }

  @Scheduled(
      identity = "pending-approvals-gauge",
      every = "${agent-runtime.metrics.pending-approvals-refresh}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduled() {
    try {
      refresh();
    } catch (SQLException e) {
      // The gauge keeps its last values; readiness already reports the database down.
      LOG.debugf("pending approvals not counted: %s", e.toString());
    }
  }

  /** Counts the pending approvals of every tenant now. */
  public void refresh() throws SQLException {
    Map<String, Long> counts = new HashMap<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(SQL);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        counts.put(rs.getString(1), rs.getLong(2));
      }
    }
    counts.forEach((tenant, count) -> gauge(tenant).set(count));
    pending.forEach(
        (tenant, value) -> {
          if (!counts.containsKey(tenant)) {
            value.set(0);
          }
        });
  }

  private AtomicLong gauge(String tenant) {
    return pending.computeIfAbsent(
        tenant,
        t -> {
          AtomicLong value = new AtomicLong();
          Gauge.builder("agent_runtime.approvals.pending", value, AtomicLong::get)
              .description("Tool calls waiting for an approval decision")
              .tag("tenant", t)
              .register(registry);
          return value;
        });
  }
}
