package dev.agentruntime.api.temporal;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/** Temporal's answer that what a call named (a schedule, a workflow) does not exist. */
public final class TemporalNotFound {

  private TemporalNotFound() {}

  /** Whether {@code e}, or one of its causes, is Temporal's NOT_FOUND. */
  public static boolean is(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof StatusRuntimeException status
          && status.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return true;
      }
    }
    return false;
  }
}
