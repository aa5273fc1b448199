package dev.agentruntime.api.problem;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/** Recognises failures that mean PostgreSQL cannot be reached, whatever layer wrapped them. */
public final class DatabaseUnavailable {

  static final int RETRY_AFTER_SECONDS = 5;

  /** SQLSTATE class 08: connection exception; 57P01-57P03: the server is shutting down. */
  private static final String CONNECTION_STATE_CLASS = "08";

  private DatabaseUnavailable() {}

  public static boolean isCause(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLTransientConnectionException || t instanceof ConnectException) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith(CONNECTION_STATE_CLASS) || state.startsWith("57P0")) {
          return true;
        }
      }
      // Agroal reports an exhausted wait for a connection as a plain SQLException.
      if (t instanceof SQLException sql
          && sql.getMessage() != null
          && sql.getMessage().contains("Acquisition timeout")) {
        return true;
      }
    }
    return false;
  }
}
