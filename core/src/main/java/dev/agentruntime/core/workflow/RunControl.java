package dev.agentruntime.core.workflow;

/**
 * Who asked for a control action on a run (cancel, pause, resume) and why; recorded in the events
 * the action causes.
 *
 * @param actor the subject of the caller's token
 * @param reason free text from the caller, or {@code null}
 */
public record RunControl(String actor, String reason) {}
