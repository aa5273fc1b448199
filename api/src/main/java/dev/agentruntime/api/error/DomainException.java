package dev.agentruntime.api.error;

/**
 * A refusal a service raises in the domain's terms: what was refused and why, never how HTTP says
 * it. Services throw these whoever calls them (a resource, a schedule, a webhook); {@code
 * dev.agentruntime.api.problem.DomainProblems} is the one place that gives each its status and
 * problem type. Sealed, so that a refusal without an answer there does not compile. Nothing has
 * been written when one is thrown, or the surrounding transaction rolls back.
 */
public abstract sealed class DomainException extends RuntimeException
    permits AccessDenied,
        AlreadyExists,
        ApprovalRefused,
        BudgetExhausted,
        DecisionNotConfirmed,
        DeliveryRefused,
        ForkRefused,
        IdempotencyKeyReused,
        InvalidAgentFiles,
        InvalidReference,
        InvalidParameter,
        InvalidRequest,
        InvalidSecretValue,
        InvalidSpec,
        NotFound,
        ObjectStoreUnavailable,
        PreconditionFailed,
        RateLimited,
        RunPurged,
        RunStateConflict,
        SecretStoreUnavailable,
        TemporalUnavailable,
        TenantSuspended,
        TranscriptTooLarge,
        UnsupportedMediaType,
        WebhookDisabled {

  /** No stack trace: these are answers, not faults; a cause, when there is one, keeps its own. */
  protected DomainException(String detail, Throwable cause) {
    super(detail, cause, false, false);
  }
}
