package dev.agentruntime.core.run.event;

/**
 * {@code kernel.dependency.unavailable}: a step met an outage of the kernel's own store.
 *
 * @param activity the activity type of the step
 * @param dependency {@link #DATABASE} or {@link #OBJECT_STORE}
 * @param error the outage's message, null when it had none
 */
public record KernelDependencyUnavailable(
    int step, String activity, String dependency, String error) implements RunEventPayload {

  public static final String DATABASE = "database";
  public static final String OBJECT_STORE = "object-store";
}
