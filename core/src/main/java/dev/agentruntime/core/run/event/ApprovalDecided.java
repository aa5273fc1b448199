package dev.agentruntime.core.run.event;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code approval.decided}: what became of an approval.
 *
 * @param status approved, denied or expired
 * @param actor who decided, written as null for an expiry
 * @param comment the decider's comment, absent when none was given
 */
public record ApprovalDecided(
    String approvalId,
    int step,
    String status,
    String actor,
    @JsonInclude(JsonInclude.Include.NON_NULL) String comment)
    implements RunEventPayload {}
