package dev.agentruntime.worker.activity;

import dev.agentruntime.core.activity.ActivityFailureTypes;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import io.temporal.failure.ApplicationFailure;

/**
 * The failures model calls raise, typed with {@link ActivityFailureTypes} (the names the workflow
 * decides retries by), and a readable account of what went wrong.
 */
public final class WorkerFailures {

  private WorkerFailures() {}

  /** The failure to raise for a failed model call, retryable unless the request itself is bad. */
  public static ApplicationFailure forModelCall(RuntimeException e) {
    if (e instanceof ApplicationFailure failure) {
      return failure;
    }
    Integer status = httpStatus(e);
    String message = describe(e);
    if (isClientError(e, status)) {
      return ApplicationFailure.newNonRetryableFailureWithCause(
          message, ActivityFailureTypes.CLIENT_ERROR, e);
    }
    return ApplicationFailure.newFailureWithCause(
        message, ActivityFailureTypes.MODEL_UNAVAILABLE, e);
  }

  /** A short readable account of a model client failure: HTTP status and the provider's message. */
  public static String describe(Throwable e) {
    if (e instanceof ApplicationFailure failure) {
      return failure.getOriginalMessage();
    }
    Integer status = httpStatus(e);
    String detail = providerMessage(e);
    String text =
        status == null ? detail : "HTTP " + status + (detail.isBlank() ? "" : ": " + detail);
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
