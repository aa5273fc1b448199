package dev.agentruntime.core.approval;

import io.temporal.failure.TemporalFailure;
import java.util.List;
import java.util.Optional;

/**
 * Why the workflow refused a decision: the failure types its update validator raises, which the API
 * turns into answers. Nothing changes when a decision is refused.
 */
public final class ApprovalRejections {

  /** The run has no pending approval by that id (404). */
  public static final String NOT_PENDING = "ApprovalNotPending";

  /** The decision names other arguments than the pending ones (412). */
  public static final String ARGUMENTS_MISMATCH = "ApprovalArgumentsMismatch";

  /** A different decision was recorded before (409). */
  public static final String ALREADY_DECIDED = "ApprovalAlreadyDecided";

  /** The approval expired; the run went on as if denied (410). */
  public static final String EXPIRED = "ApprovalExpired";

  private static final List<String> ALL =
      List.of(NOT_PENDING, ARGUMENTS_MISMATCH, ALREADY_DECIDED, EXPIRED);

  private ApprovalRejections() {}

  /** The message a refusal carries. */
  public static String message(String rejection, String detail) {
    return rejection + ": " + detail;
  }

  /** The rejection a failure from the decide update carries, searching its causes. */
  public static Optional<String> of(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String text =
          t instanceof TemporalFailure temporal ? temporal.getOriginalMessage() : t.getMessage();
      if (text == null) {
        continue;
      }
      for (String rejection : ALL) {
        if (text.startsWith(rejection + ": ")) {
          return Optional.of(rejection);
        }
      }
    }
    return Optional.empty();
  }
}
