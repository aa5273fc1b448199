package dev.agentruntime.worker.egress;

/**
 * An allowed request that did not complete: unknown host, connection refused, TLS failure
 * (certificate not valid for the host), or the total time cap. A retry may succeed.
 */
public final class EgressFailed extends EgressException {

  public EgressFailed(String message, Throwable cause) {
    super("failed: " + message, cause);
  }
}
