package dev.agentruntime.core.tenant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Whether a tenant is over a budget's hard limit now, by the database's {@code
 * tenant_budget_exceeded} (V22): two reads by key, cheap enough for every step. Read by the
 * admission path (to answer a refusal) and by the worker before each model call. Plain JDBC keeps
 * it callable from both modules.
 */
public final class TenantBudgets {

  private static final String EXCEEDED =
      "select budget, period, period_start, spent, budget_limit, resets_at"
          + " from tenant_budget_exceeded(?)";

  private final DataSource dataSource;

  public TenantBudgets(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * The tenant's first budget (tokens before cost) at its hard limit, or empty.
   *
   * @throws SQLException when the database did not answer
   */
  public Optional<BudgetExceeded> exceeded(String tenantId) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query = connection.prepareStatement(EXCEEDED)) {
      query.setString(1, tenantId);
      try (ResultSet row = query.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new BudgetExceeded(
                row.getString("budget"),
                row.getString("period"),
                row.getObject("period_start", LocalDate.class),
                row.getBigDecimal("spent"),
                row.getBigDecimal("budget_limit"),
                row.getObject("resets_at", OffsetDateTime.class).toInstant()));
      }
    }
  }
}
