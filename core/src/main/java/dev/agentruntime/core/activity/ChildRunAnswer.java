package dev.agentruntime.core.activity;

import dev.agentruntime.core.workflow.RunOutcome;
import java.util.UUID;

/**
 * How the child run of a call ended.
 *
 * @param call the parent's call that started it
 * @param childRunId the child run
 * @param outcome the child's outcome
 */
public record ChildRunAnswer(ToolStepRequest call, UUID childRunId, RunOutcome outcome) {}
