package dev.agentruntime.worker.store;

import java.sql.SQLException;

/** A database call failed; activities let Temporal retry it, so an outage delays a run. */
public class StoreException extends RuntimeException {

  public StoreException(String message, SQLException cause) {
    super(message + ": " + cause.getMessage(), cause);
  }
}
