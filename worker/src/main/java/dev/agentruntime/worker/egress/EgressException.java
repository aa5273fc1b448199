package dev.agentruntime.worker.egress;

/**
 * Why an egress request produced no response. The message is written for the model: it goes back as
 * the tool's error so the model can change its plan (another URL, fewer redirects...).
 */
public abstract sealed class EgressException extends Exception permits EgressRefused, EgressFailed {

  protected EgressException(String message, Throwable cause) {
    super(message, cause);
  }
}
