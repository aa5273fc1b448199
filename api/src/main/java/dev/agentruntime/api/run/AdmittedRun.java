package dev.agentruntime.api.run;

/**
 * The answer to a run request.
 *
 * @param created false when an earlier request with the same idempotency key created the run
 */
public record AdmittedRun(RunResponse run, boolean created) {}
