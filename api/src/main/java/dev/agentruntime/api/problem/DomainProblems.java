package dev.agentruntime.api.problem;

import dev.agentruntime.api.error.AccessDenied;
import dev.agentruntime.api.error.AlreadyExists;
import dev.agentruntime.api.error.ApprovalRefused;
import dev.agentruntime.api.error.BudgetExhausted;
import dev.agentruntime.api.error.DecisionNotConfirmed;
import dev.agentruntime.api.error.DeliveryRefused;
import dev.agentruntime.api.error.DomainException;
import dev.agentruntime.api.error.ForkRefused;
import dev.agentruntime.api.error.IdempotencyKeyReused;
import dev.agentruntime.api.error.InvalidAgentFiles;
import dev.agentruntime.api.error.InvalidParameter;
import dev.agentruntime.api.error.InvalidReference;
import dev.agentruntime.api.error.InvalidRequest;
import dev.agentruntime.api.error.InvalidSecretValue;
import dev.agentruntime.api.error.InvalidSpec;
import dev.agentruntime.api.error.NotFound;
import dev.agentruntime.api.error.ObjectStoreUnavailable;
import dev.agentruntime.api.error.PreconditionFailed;
import dev.agentruntime.api.error.RateLimited;
import dev.agentruntime.api.error.RunPurged;
import dev.agentruntime.api.error.RunStateConflict;
import dev.agentruntime.api.error.SecretStoreUnavailable;
import dev.agentruntime.api.error.TemporalUnavailable;
import dev.agentruntime.api.error.TenantSuspended;
import dev.agentruntime.api.error.TranscriptTooLarge;
import dev.agentruntime.api.error.UnsupportedMediaType;
import dev.agentruntime.api.error.WebhookDisabled;
import java.time.Instant;
import java.util.List;

/**
 * The problem answer of every domain refusal: its status, problem type and title. This is the one
 * place that gives the services' exceptions an HTTP shape ({@link ProblemMappers} writes it); the
 * switch is exhaustive over the sealed {@link DomainException}, so a new refusal must be given its
 * answer here before it compiles.
 */
public final class DomainProblems {

  /** Seconds a client should wait before asking Temporal again. */
  private static final long TEMPORAL_RETRY_AFTER = 5;

  /**
   * @param violations the fields at fault, or null when the refusal names none
   * @param retryAfterSeconds the Retry-After header's value, or 0 for none
   * @param worthAWarning whether the refusal says something about the system's health, so it is
   *     logged
   */
  public record Answer(
      int status,
      String slug,
      String title,
      List<Violation> violations,
      long retryAfterSeconds,
      boolean worthAWarning) {

    static Answer of(int status, String slug, String title) {
      return new Answer(status, slug, title, null, 0, false);
    }
  }

  private DomainProblems() {}

  public static Answer of(DomainException e) {
    return switch (e) {
      case NotFound notFound -> Answer.of(404, "not-found", "Not Found");
      case AlreadyExists exists -> Answer.of(409, "conflict", "Conflict");
      case AccessDenied denied -> Answer.of(403, "forbidden", "Forbidden");
      case TenantSuspended suspended -> Answer.of(403, "tenant-suspended", "Tenant suspended");
      case InvalidRequest invalid ->
          new Answer(400, "invalid-request", "Invalid request", invalid.violations(), 0, false);
      case InvalidParameter invalid ->
          new Answer(
              400,
              "invalid-parameter",
              "Invalid parameter",
              List.of(new Violation(invalid.parameter(), "must be " + invalid.expected())),
              0,
              false);
      case InvalidSpec invalid ->
          new Answer(422, "invalid-spec", "Invalid agent spec", invalid.violations(), 0, false);
      case InvalidAgentFiles invalid ->
          new Answer(
              422, "invalid-agent-files", "Invalid agent files", invalid.violations(), 0, false);
      case InvalidReference invalid ->
          new Answer(422, "invalid-reference", "Unknown reference", invalid.violations(), 0, false);
      case PreconditionFailed failed ->
          Answer.of(412, "precondition-failed", "Precondition Failed");
      case InvalidSecretValue invalid ->
          new Answer(
              422,
              "invalid-secret-value",
              "Invalid secret value",
              List.of(new Violation("value", invalid.reason())),
              0,
              false);
      case IdempotencyKeyReused reused ->
          Answer.of(422, "idempotency-key-reused", "Idempotency key reused");
      case BudgetExhausted exhausted ->
          new Answer(
              429,
              "tenant-budget-exceeded",
              "Tenant budget exceeded",
              null,
              exhausted.retryAfterSeconds(Instant.now()),
              false);
      case RateLimited limited ->
          new Answer(
              429, "rate-limited", "Too Many Requests", null, limited.retryAfterSeconds(), false);
      case UnsupportedMediaType unsupported ->
          Answer.of(415, "unsupported-media-type", "Unsupported Media Type");
      case RunStateConflict conflict -> Answer.of(409, "run-state-conflict", "Conflict");
      case RunPurged purged -> Answer.of(409, "run-purged", "Conflict");
      // 409, not 413: the stored conversation is too large to answer, not the request.
      case TranscriptTooLarge tooLarge ->
          Answer.of(409, "transcript-too-large", "Transcript too large");
      case WebhookDisabled disabled -> Answer.of(409, "webhook-disabled", "Conflict");
      case TemporalUnavailable unavailable ->
          new Answer(
              503, "temporal-unavailable", "Service Unavailable", null, TEMPORAL_RETRY_AFTER, true);
      case DecisionNotConfirmed unconfirmed ->
          new Answer(
              503,
              "decision-not-confirmed",
              "Service Unavailable",
              null,
              TEMPORAL_RETRY_AFTER,
              true);
      // No Retry-After: retrying does not help until an operator changes the configuration.
      case SecretStoreUnavailable unavailable ->
          Answer.of(503, "secret-store-unavailable", "Secret store unavailable");
      // Worth a warning: the store or the API's access to it is broken, which an operator fixes.
      case ObjectStoreUnavailable unavailable ->
          new Answer(503, "object-store-unavailable", "Object store unavailable", null, 0, true);
      case ApprovalRefused refused -> approval(refused.reason());
      case ForkRefused refused -> fork(refused);
      case DeliveryRefused refused -> delivery(refused.reason());
    };
  }

  private static Answer delivery(DeliveryRefused.Reason reason) {
    return switch (reason) {
      // No signature is no credential: 401, as a missing bearer token is elsewhere.
      case MISSING_HEADER -> Answer.of(401, "trigger-signature-missing", "Signature missing");
      // 401: the signature is the delivery's credential, as a bearer token is everywhere else.
      case BAD_SIGNATURE -> Answer.of(401, "trigger-signature-invalid", "Signature invalid");
      case STALE_TIMESTAMP -> Answer.of(401, "trigger-timestamp-stale", "Timestamp stale");
      case TOO_LARGE -> Answer.of(413, "trigger-body-too-large", "Content Too Large");
      case DISABLED -> Answer.of(409, "trigger-disabled", "Trigger disabled");
    };
  }

  private static Answer fork(ForkRefused refused) {
    List<Violation> violations = refused.violations().isEmpty() ? null : refused.violations();
    return switch (refused.reason()) {
      case SOURCE_NOT_FINISHED -> Answer.of(409, "fork-source-not-finished", "Conflict");
      case SOURCE_PURGED -> Answer.of(409, "fork-source-purged", "Conflict");
      case STEP_OUT_OF_RANGE ->
          new Answer(422, "fork-step-out-of-range", "Step out of range", violations, 0, false);
      case CONFLICTING_FIELDS ->
          new Answer(422, "fork-fields-conflict", "Conflicting fields", violations, 0, false);
      case INPUT_NOT_AN_OBJECT ->
          new Answer(422, "fork-input-invalid", "Invalid input", violations, 0, false);
      case PIPELINE ->
          new Answer(422, "fork-unsupported", "Fork unsupported", violations, 0, false);
    };
  }

  private static Answer approval(ApprovalRefused.Reason reason) {
    return switch (reason) {
      case ALREADY_DECIDED -> Answer.of(409, "approval-already-decided", "Conflict");
      case NOT_PENDING -> Answer.of(409, "approval-not-pending", "Conflict");
      case EXPIRED -> Answer.of(410, "approval-expired", "Gone");
      case ARGUMENTS_MISMATCH ->
          Answer.of(412, "approval-arguments-mismatch", "Precondition Failed");
      case STARTER_MAY_NOT_DECIDE ->
          Answer.of(403, "approval-starter-may-not-decide", "Separate decider required");
    };
  }
}
