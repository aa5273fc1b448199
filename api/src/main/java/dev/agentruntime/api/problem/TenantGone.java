package dev.agentruntime.api.problem;

import java.sql.SQLException;

/**
 * Recognises a write that failed because its tenant's row is gone (the tenant was deleted while the
 * caller's token still named it): a foreign key on {@code tenant_id} refused the row. Such a caller
 * is answered as one whose token names no existing tenant, not with a 500.
 */
final class TenantGone {

  /** SQLSTATE foreign_key_violation. */
  private static final String FOREIGN_KEY_VIOLATION = "23503";

  private TenantGone() {}

  static boolean isCause(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException sql
          && FOREIGN_KEY_VIOLATION.equals(sql.getSQLState())
          && sql.getMessage() != null
          // PostgreSQL's name for a column's reference to tenant (id): <table>_tenant_id_fkey.
          && sql.getMessage().contains("_tenant_id_fkey")) {
        return true;
      }
    }
    return false;
  }
}
