package dev.agentruntime.core.run.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.agentruntime.core.workflow.RunControl;

/**
 * The workflow acted on a pause or resume request: {@code run.paused} (the run holds after {@code
 * step} steps) or {@code run.resumed}. {@code actor} is written as null when nobody is known to
 * have asked; {@code reason} is absent when none was given.
 */
public sealed interface PauseChanged extends RunEventPayload {

  int step();

  String actor();

  String reason();

  /** The event for a pause ({@code paused}) or a resume at {@code step}, asked by {@code by}. */
  static PauseChanged of(boolean paused, int step, RunControl by) {
    String actor = by == null ? null : by.actor();
    String reason = by == null ? null : by.reason();
    return paused ? new Paused(step, actor, reason) : new Resumed(step, actor, reason);
  }

  record Paused(int step, String actor, @JsonInclude(JsonInclude.Include.NON_NULL) String reason)
      implements PauseChanged {}

  record Resumed(int step, String actor, @JsonInclude(JsonInclude.Include.NON_NULL) String reason)
      implements PauseChanged {}
}
