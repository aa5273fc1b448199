package dev.agentruntime.worker.agent;

/**
 * A call to an HTTP agent that did not produce a usable answer.
 *
 * @see AgentEndpoint
 */
public final class AgentCallFailed extends RuntimeException {

  private final boolean retryable;
  private final Integer status;

  private AgentCallFailed(String message, boolean retryable, Integer status, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
    this.status = status;
  }

  /**
   * The agent was not reachable, too slow or answered a status that may heal (408, 425, 429, 5xx).
   */
  static AgentCallFailed unavailable(String message, Integer status, Throwable cause) {
    return new AgentCallFailed(message, true, status, cause);
  }

  /** The agent answered in a way no retry will change: another 4xx, a redirect, a broken body. */
  static AgentCallFailed refused(String message, Integer status) {
    return new AgentCallFailed(message, false, status, null);
  }

  public boolean retryable() {
    return retryable;
  }

  /** The HTTP status the agent answered, or {@code null} when it did not answer. */
  public Integer status() {
    return status;
  }
}
