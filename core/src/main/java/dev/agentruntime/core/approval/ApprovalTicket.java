package dev.agentruntime.core.approval;

/**
 * A pending approval as recorded: what the workflow checks a decision against.
 *
 * @param argumentsSha256 SHA-256 of the canonical JSON of the call's arguments; {@code null} when
 *     the arguments are not JSON (then nobody is asked and the call is refused)
 */
public record ApprovalTicket(
    String approvalId, String toolCallId, String toolName, String argumentsSha256) {}
