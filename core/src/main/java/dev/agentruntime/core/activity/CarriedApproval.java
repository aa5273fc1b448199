package dev.agentruntime.core.activity;

import java.util.UUID;

/**
 * An approval granted in a fork's reused steps, which a call of the fork may run under.
 *
 * @param sourceRunId the run it was granted in
 * @param approvalId the source run's approval
 * @param sourceStep the step of the source whose call it approved
 * @param tool the approved call's tool
 * @param argumentsSha256 SHA-256 of the canonical JSON of the approved arguments: what the tool
 *     call checks, as for any approval
 * @param rawArgumentsSha256 SHA-256 of the arguments exactly as the model wrote them (UTF-8): a
 *     call is carried only when its own arguments hash to this (byte-identical)
 * @param decidedBy who approved it
 */
public record CarriedApproval(
    UUID sourceRunId,
    String approvalId,
    int sourceStep,
    String tool,
    String argumentsSha256,
    String rawArgumentsSha256,
    String decidedBy) {}
