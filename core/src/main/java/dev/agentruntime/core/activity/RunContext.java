package dev.agentruntime.core.activity;

import dev.agentruntime.core.spec.AgentSpec;

/**
 * What a run needs to execute, loaded once when it starts.
 *
 * @param spec the pinned agent version's spec
 * @param transcriptKey object key of the opening transcript (instructions and the run's input)
 */
public record RunContext(AgentSpec spec, String transcriptKey) {}
