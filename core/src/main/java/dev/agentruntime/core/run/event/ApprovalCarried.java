package dev.agentruntime.core.run.event;

import java.util.UUID;

/**
 * {@code approval.carried}: call {@code index} of step {@code step} of a fork needed approval and
 * ran without asking anyone, because a call of the same tool with byte-identical arguments was
 * approved in the steps the fork reused from its source. Each approval of the source is carried to
 * at most one call of the fork.
 *
 * @param approvalId the source run's approval that was carried
 * @param sourceRunId the run it was decided in
 * @param sourceStep the step of the source whose call it approved
 * @param argumentsSha256 SHA-256 of the canonical JSON of the arguments, as approved
 * @param decidedBy who approved it in the source run
 */
public record ApprovalCarried(
    String approvalId,
    UUID sourceRunId,
    int sourceStep,
    int step,
    int index,
    String tool,
    String callId,
    String argumentsSha256,
    String decidedBy)
    implements RunEventPayload {}
