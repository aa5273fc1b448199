package dev.agentruntime.core.run.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.agentruntime.core.workflow.RunControl;

/**
 * A control action the API accepted: {@code run.cancel_requested}, {@code run.pause_requested} or
 * {@code run.resume_requested}, each with who asked (the token's subject) and why, when they said.
 */
public sealed interface ControlRequested extends RunEventPayload {

  String actor();

  String reason();

  /** Who asked and why, as the workflow receives it. */
  default RunControl control() {
    return new RunControl(actor(), reason());
  }

  record CancelRequested(String actor, @JsonInclude(JsonInclude.Include.NON_NULL) String reason)
      implements ControlRequested {
    public CancelRequested(RunControl by) {
      this(by.actor(), by.reason());
    }
  }

  record PauseRequested(String actor, @JsonInclude(JsonInclude.Include.NON_NULL) String reason)
      implements ControlRequested {
    public PauseRequested(RunControl by) {
      this(by.actor(), by.reason());
    }
  }

  record ResumeRequested(String actor, @JsonInclude(JsonInclude.Include.NON_NULL) String reason)
      implements ControlRequested {
    public ResumeRequested(RunControl by) {
      this(by.actor(), by.reason());
    }
  }
}
