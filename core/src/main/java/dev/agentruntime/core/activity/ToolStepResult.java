package dev.agentruntime.core.activity;

/**
 * A tool call's result, stored for the next model call.
 *
 * @param resultKey object key of the tool result message
 * @param error whether the tool reported an error to the model (the run goes on: the model decides)
 */
public record ToolStepResult(String resultKey, boolean error) {}
