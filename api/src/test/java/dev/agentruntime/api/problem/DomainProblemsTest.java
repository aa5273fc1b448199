package dev.agentruntime.api.problem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.api.error.AccessDenied;
import dev.agentruntime.api.error.AlreadyExists;
import dev.agentruntime.api.error.ApprovalRefused;
import dev.agentruntime.api.error.DecisionNotConfirmed;
import dev.agentruntime.api.error.DomainException;
import dev.agentruntime.api.error.IdempotencyKeyReused;
import dev.agentruntime.api.error.InvalidParameter;
import dev.agentruntime.api.error.InvalidRequest;
import dev.agentruntime.api.error.InvalidSecretValue;
import dev.agentruntime.api.error.InvalidSpec;
import dev.agentruntime.api.error.NotFound;
import dev.agentruntime.api.error.ObjectStoreUnavailable;
import dev.agentruntime.api.error.RateLimited;
import dev.agentruntime.api.error.RunStateConflict;
import dev.agentruntime.api.error.SecretStoreUnavailable;
import dev.agentruntime.api.error.TemporalUnavailable;
import dev.agentruntime.api.error.TranscriptTooLarge;
import dev.agentruntime.api.error.UnsupportedMediaType;
import dev.agentruntime.core.run.RunStatus;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The status, problem type, title and Retry-After of every domain refusal: the answers clients were
 * given before services stopped building them, pinned here for the refusals that are hard to
 * provoke over HTTP (an unreachable Temporal, an unconfirmed decision).
 */
class DomainProblemsTest {

  @Test
  void everyRefusalHasTheAnswerItAlwaysHad() {
    assertAnswer(new NotFound("Run x"), 404, "not-found", "Not Found", 0);
    assertAnswer(
        new AlreadyExists("Tenant 'a' already exists", "/v1/tenants/a"),
        409,
        "conflict",
        "Conflict",
        0);
    assertAnswer(new AccessDenied("no tenant"), 403, "forbidden", "Forbidden", 0);
    assertAnswer(
        new dev.agentruntime.api.error.RunPurged(java.util.UUID.randomUUID()),
        409,
        "run-purged",
        "Conflict",
        0);
    assertAnswer(
        new InvalidRequest("bad", List.of(new Violation("input", "must be a JSON object"))),
        400,
        "invalid-request",
        "Invalid request",
        0);
    assertAnswer(
        new InvalidParameter("cursor", "x"), 400, "invalid-parameter", "Invalid parameter", 0);
    assertAnswer(
        new InvalidSpec(List.of(new Violation("spec", "bad"))),
        422,
        "invalid-spec",
        "Invalid agent spec",
        0);
    assertAnswer(
        new IdempotencyKeyReused("k"), 422, "idempotency-key-reused", "Idempotency key reused", 0);
    assertAnswer(new RateLimited("over", 1), 429, "rate-limited", "Too Many Requests", 1);
    assertAnswer(
        new UnsupportedMediaType("json only"),
        415,
        "unsupported-media-type",
        "Unsupported Media Type",
        0);
    assertAnswer(
        new RunStateConflict(UUID.randomUUID(), RunStatus.SUCCEEDED, "cancelled"),
        409,
        "run-state-conflict",
        "Conflict",
        0);
    assertAnswer(
        new TemporalUnavailable("paused", null),
        503,
        "temporal-unavailable",
        "Service Unavailable",
        5);
    assertAnswer(
        new DecisionNotConfirmed("not in time", null),
        503,
        "decision-not-confirmed",
        "Service Unavailable",
        5);
    assertAnswer(
        new InvalidSecretValue("is empty"), 422, "invalid-secret-value", "Invalid secret value", 0);
    // No Retry-After: only an operator's change of configuration helps.
    assertAnswer(
        new SecretStoreUnavailable("no master key"),
        503,
        "secret-store-unavailable",
        "Secret store unavailable",
        0);
    assertAnswer(
        new ObjectStoreUnavailable("no answer", null),
        503,
        "object-store-unavailable",
        "Object store unavailable",
        0);
    assertAnswer(
        new TranscriptTooLarge(UUID.randomUUID(), 3, 8),
        409,
        "transcript-too-large",
        "Transcript too large",
        0);
  }

  @Test
  void aRefusedSecretValueIsNamedNeverQuoted() {
    DomainProblems.Answer answer = DomainProblems.of(new InvalidSecretValue("is empty"));
    assertThat(answer.violations()).containsExactly(new Violation("value", "is empty"));
    assertThat(new InvalidSecretValue("is empty").getMessage()).isEqualTo("Field 'value' is empty");
  }

  @Test
  void eachApprovalRefusalHasItsOwnAnswer() {
    assertAnswer(
        refused(ApprovalRefused.Reason.ALREADY_DECIDED),
        409,
        "approval-already-decided",
        "Conflict",
        0);
    assertAnswer(
        refused(ApprovalRefused.Reason.NOT_PENDING), 409, "approval-not-pending", "Conflict", 0);
    assertAnswer(refused(ApprovalRefused.Reason.EXPIRED), 410, "approval-expired", "Gone", 0);
    assertAnswer(
        refused(ApprovalRefused.Reason.ARGUMENTS_MISMATCH),
        412,
        "approval-arguments-mismatch",
        "Precondition Failed",
        0);
    assertAnswer(
        refused(ApprovalRefused.Reason.STARTER_MAY_NOT_DECIDE),
        403,
        "approval-starter-may-not-decide",
        "Separate decider required",
        0);
  }

  @Test
  void anInvalidParameterNamesItInDetailAndViolation() {
    var invalid = new InvalidParameter("cursor", "the nextCursor of this listing");

    assertThat(invalid.getMessage())
        .isEqualTo("Parameter 'cursor' must be the nextCursor of this listing");
    assertThat(DomainProblems.of(invalid).violations())
        .containsExactly(new Violation("cursor", "must be the nextCursor of this listing"));
  }

  private static ApprovalRefused refused(ApprovalRefused.Reason reason) {
    return new ApprovalRefused(reason, "why");
  }

  private static void assertAnswer(
      DomainException e, int status, String slug, String title, long retryAfter) {
    DomainProblems.Answer answer = DomainProblems.of(e);
    assertThat(answer.status()).as("status of %s", e).isEqualTo(status);
    assertThat(answer.slug()).as("slug of %s", e).isEqualTo(slug);
    assertThat(answer.title()).as("title of %s", e).isEqualTo(title);
    assertThat(answer.retryAfterSeconds()).as("Retry-After of %s", e).isEqualTo(retryAfter);
  }
}
