package dev.agentruntime.worker.activity;

import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import io.temporal.failure.ApplicationFailure;

/** The failure types activities raise, and which of them Temporal must not retry. */
public final class WorkerFailures {

  /**
   * A request no retry can fix: the model answered 400/401/403/404, an API key is missing, the
   * run's data is inconsistent. Step activities list it as non-retryable.
   */
  public static final String CLIENT_ERROR = "ClientError";

  /**
   * A kernel dependency (PostgreSQL, the object store) failed inside a step: not retried by the
   * agent's policy, but by the workflow under the kernel's (see {@link KernelFailures}).
   */
  public static final String KERNEL_UNAVAILABLE = "KernelDependencyUnavailable";

  /**
   * An MCP tool's definition on its server is no longer the one its agent version pinned: not
   * retried, since the server will not change back by itself; a new version is the fix.
   */
  public static final String MCP_TOOL_CHANGED = "McpToolChanged";

  /** A model call that failed in a way a retry may fix (5xx, 408, 429, network, timeout). */
  public static final String MODEL_UNAVAILABLE = "ModelUnavailable";

  private WorkerFailures() {}

  /** The failure to raise for a failed model call, retryable unless the request itself is bad. */
  public static ApplicationFailure forModelCall(RuntimeException e) {
    if (e instanceof ApplicationFailure failure) {
      return failure;
    }
    Integer status = httpStatus(e);
    String message = describe(e);
    if (isClientError(e, status)) {
      return ApplicationFailure.newNonRetryableFailureWithCause(message, CLIENT_ERROR, e);
    }
    return ApplicationFailure.newFailureWithCause(message, MODEL_UNAVAILABLE, e);
  }

  /** A short readable account of a model client failure: HTTP status and the provider's message. */
  public static String describe(Throwable e) {
    if (e instanceof ApplicationFailure failure) {
      return failure.getOriginalMessage();
    }
    Integer status = httpStatus(e);
    String detail = providerMessage(e);
    String text = status != null ? "HTTP " + status + ": " + detail : detail;
    return text.length() > 500 ? text.substring(0, 500) + "…" : text;
  }

  private static boolean isClientError(Throwable e, Integer status) {
    if (status != null) {
      return status >= 400 && status < 500 && status != 408 && status != 429;
    }
    return e instanceof AuthenticationException
        || e instanceof InvalidRequestException
        || e instanceof ModelNotFoundException;
  }

  static Integer httpStatus(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof HttpException http) {
        return http.statusCode();
      }
    }
    return null;
  }

  /** OpenAI-style error bodies carry {@code error.message}; otherwise the exception's message. */
  private static String providerMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = e.getMessage() != null ? e.getMessage() : root.getMessage();
    if (message == null) {
      return root.getClass().getSimpleName();
    }
    String trimmed = message.strip();
    if (trimmed.startsWith("{")) {
      try {
        var error = dev.agentruntime.worker.Json.read(trimmed).path("error").path("message");
        if (error.isTextual()) {
          return error.asText();
        }
      } catch (IllegalArgumentException notJson) {
        // fall through to the raw message
      }
    }
    return trimmed;
  }
}
