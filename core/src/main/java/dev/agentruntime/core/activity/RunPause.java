package dev.agentruntime.core.activity;

import dev.agentruntime.core.workflow.RunControl;
import java.util.UUID;

/**
 * A run that stopped at a step boundary ({@code paused}) or went on ({@code !paused}).
 *
 * @param number which pause of the run this is, from 1; keys its events so a retry never doubles
 * @param step the model steps completed when it stopped
 * @param control who paused (or resumed) it and why
 */
public record RunPause(
    String tenantId, UUID runId, int number, boolean paused, int step, RunControl control) {}
