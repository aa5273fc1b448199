package dev.agentruntime.core.activity;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Model calls of the built-in loop. */
@ActivityInterface
public interface ModelActivities {

  /**
   * Calls the spec's model with the transcript and stores its answer. Each attempt is sent with an
   * idempotency key (workflow id + activity id) so a provider or proxy can deduplicate retries; a
   * failed attempt is recorded as a {@code model.call.failed} event before Temporal retries it.
   */
  @ActivityMethod
  ModelStepResult callModel(ModelStepRequest request);
}
