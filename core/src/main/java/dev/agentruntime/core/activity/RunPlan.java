package dev.agentruntime.core.activity;

import dev.agentruntime.core.spec.LimitsSpec;
import dev.agentruntime.core.spec.RetrySpec;

/**
 * What the workflow needs of a run's spec, and nothing more: the spec itself stays in PostgreSQL
 * (activities read it by the pinned version), so the history holds a few hundred bytes per run
 * instead of the whole spec.
 *
 * @param transcriptKey object key of the opening transcript (instructions and the run's input)
 * @param limits the run's budget
 * @param retry the retry policy of its steps
 */
public record RunPlan(String transcriptKey, LimitsSpec limits, RetrySpec retry) {}
