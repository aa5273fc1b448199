package dev.agentruntime.api.limits;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Each tenant's admission rate and burst: its policy's (V19), else the operator's default. Read
 * from the database at most once per {@link #FRESH_FOR} per tenant and API instance, so a changed
 * policy applies within that time without a query per admission.
 */
@ApplicationScoped
public class AdmissionRates {

  /** How long a tenant's rate is used before it is read again. */
  static final Duration FRESH_FOR = Duration.ofSeconds(5);

  /** Admissions per second, and how many may come at once after a quiet spell. */
  public record Rate(long perSecond, long burst) {}

  private record Read(Rate rate, long readAtNanos) {}

  private final DataSource dataSource;
  private final long defaultPerSecond;
  private final Map<String, Read> reads = new ConcurrentHashMap<>();

  public AdmissionRates(
      DataSource dataSource,
      @ConfigProperty(name = "agent-runtime.limits.run-admissions-per-second")
          long defaultPerSecond) {
    this.dataSource = dataSource;
    this.defaultPerSecond = defaultPerSecond;
  }

  /** The rate a policy's two values give: what they set, else the defaults. */
  public Rate effective(Integer perSecond, Integer burst) {
    long rate = perSecond == null ? defaultPerSecond : perSecond;
    return new Rate(rate, burst == null ? rate : burst);
  }

  Rate of(String tenantId) {
    long now = System.nanoTime();
    Read read = reads.get(tenantId);
    if (read != null && now - read.readAtNanos() < FRESH_FOR.toNanos()) {
      return read.rate();
    }
    Rate rate = fromDatabase(tenantId);
    reads.put(tenantId, new Read(rate, now));
    return rate;
  }

  private Rate fromDatabase(String tenantId) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "select admissions_per_second, admission_burst from tenant_policy"
                    + " where tenant_id = ?")) {
      ps.setString(1, tenantId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return effective(null, null);
        }
        return effective(
            (Integer) rs.getObject(1, Integer.class), (Integer) rs.getObject(2, Integer.class));
      }
    } catch (SQLException e) {
      // The limit protects capacity; an unreadable policy falls back to the operator's default.
      return effective(null, null);
    }
  }
}
