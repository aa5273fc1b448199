package dev.agentruntime.core.webhook;

import dev.agentruntime.core.run.RunEventTypes;
import dev.agentruntime.core.schedule.ScheduleEventTypes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The event types an outbound webhook may ask for, and the run event each is sent for. Migration
 * V14 (with V22, which adds the tenant budget's soft event, and V24, which adds a schedule's missed
 * fires) holds the same set (the domain {@code webhook_event_type}) and the same mapping (the
 * function {@code webhook_event_type_of}), since the fan-out happens in PostgreSQL; a test keeps
 * them equal. A run waiting for a human is {@code run.waiting_for_approval}, the name a receiver
 * looks for, sent for the run's own {@code approval.requested}. A schedule's events ({@link
 * ScheduleEventTypes}) go out under their own names.
 */
public final class WebhookEventTypes {

  public static final String RUN_WAITING_FOR_APPROVAL = "run.waiting_for_approval";

  /** The webhook event type of each run event type that has one, in the documented order. */
  public static final Map<String, String> BY_RUN_EVENT = byRunEvent();

  /** Every webhook event type, in the documented order: the runs', then the schedules'. */
  public static final List<String> ORDERED = ordered();

  /** Every webhook event type. */
  public static final Set<String> ALL = Set.copyOf(ORDERED);

  private WebhookEventTypes() {}

  /** The webhook event type of a run event of {@code runEventType}, if a webhook can ask for it. */
  public static Optional<String> of(String runEventType) {
    return Optional.ofNullable(BY_RUN_EVENT.get(runEventType));
  }

  private static List<String> ordered() {
    List<String> types = new ArrayList<>(BY_RUN_EVENT.values());
    types.addAll(ScheduleEventTypes.ALL);
    return List.copyOf(types);
  }

  private static Map<String, String> byRunEvent() {
    Map<String, String> types = new LinkedHashMap<>();
    types.put(RunEventTypes.RUN_SUCCEEDED, RunEventTypes.RUN_SUCCEEDED);
    types.put(RunEventTypes.RUN_FAILED, RunEventTypes.RUN_FAILED);
    types.put(RunEventTypes.RUN_TIMED_OUT, RunEventTypes.RUN_TIMED_OUT);
    types.put(RunEventTypes.RUN_CANCELLED, RunEventTypes.RUN_CANCELLED);
    types.put(RunEventTypes.RUN_PAUSED, RunEventTypes.RUN_PAUSED);
    types.put(RunEventTypes.APPROVAL_REQUESTED, RUN_WAITING_FOR_APPROVAL);
    types.put(RunEventTypes.TENANT_BUDGET_SOFT_EXCEEDED, RunEventTypes.TENANT_BUDGET_SOFT_EXCEEDED);
    return java.util.Collections.unmodifiableMap(types);
  }
}
