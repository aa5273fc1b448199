package dev.agentruntime.api.error;

import java.util.UUID;

/**
 * A run's stored conversation is larger than the API reads to answer it (the operator's {@code
 * agent-runtime.transcript.max-bytes}): refused rather than held in memory whole. The run's state,
 * not the request, is at fault, and asking again does not help until the bound is raised.
 */
public final class TranscriptTooLarge extends DomainException {

  /**
   * @param step the step whose transcript (with its tool results) was being read
   * @param maxBytes the bound it went over
   */
  public TranscriptTooLarge(UUID runId, int step, long maxBytes) {
    super(
        "The transcript of run "
            + runId
            + " at step "
            + step
            + " with its tool results is larger than "
            + maxBytes
            + " bytes, the most the API reads (agent-runtime.transcript.max-bytes)",
        null);
  }
}
