package dev.agentruntime.api.run.transcript;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;

/** The operator's bound on what {@code GET /v1/runs/{runId}/transcript} reads (operations.md). */
@ConfigMapping(prefix = "agent-runtime.transcript")
public interface TranscriptSettings {

  /**
   * The most bytes of stored JSON read for one answer, the transcript and its step's tool results
   * together; a run with more is refused with 409 {@code transcript-too-large} instead of being
   * held in memory whole. Default 8388608 (8 MiB), at most 1073741824 (1 GiB).
   */
  @WithDefault("8388608")
  @Positive
  @Max(1L << 30)
  int maxBytes();
}
