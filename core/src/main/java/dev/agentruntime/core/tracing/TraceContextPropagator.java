package dev.agentruntime.core.tracing;

import io.temporal.api.common.v1.Payload;
import io.temporal.common.context.ContextPropagator;
import java.util.HashMap;
import java.util.Map;

/**
 * Copies the trace header entries ({@link TraceHeaders#KEYS}) of a workflow's start onto every
 * activity it schedules. Temporal calls it in workflow threads: it only relays the entries recorded
 * in the history, never reads a clock or opens a span, so it is replay-safe and a replayed workflow
 * task schedules its activities with the same header as the first time.
 *
 * <p>Register it on the worker's {@code WorkflowClientOptions}; the API does not need it (its
 * client interceptor writes the header of the start itself).
 */
public final class TraceContextPropagator implements ContextPropagator {

  // Temporal sets it in each workflow thread (and each activity thread) before running its code.
  private static final ThreadLocal<Map<String, Payload>> CURRENT = new ThreadLocal<>();

  @Override
  public String getName() {
    return "agent-runtime-w3c-trace";
  }

  @Override
  @SuppressWarnings("unchecked")
  public Map<String, Payload> serializeContext(Object context) {
    return context == null ? Map.of() : (Map<String, Payload>) context;
  }

  @Override
  public Object deserializeContext(Map<String, Payload> header) {
    Map<String, Payload> entries = new HashMap<>();
    for (String key : TraceHeaders.KEYS) {
      Payload value = header.get(key);
      if (value != null) {
        entries.put(key, value);
      }
    }
    return Map.copyOf(entries);
  }

  @Override
  public Object getCurrentContext() {
    Map<String, Payload> current = CURRENT.get();
    return current == null ? Map.of() : current;
  }

  @Override
  @SuppressWarnings("unchecked")
  public void setCurrentContext(Object context) {
    CURRENT.set(context == null ? Map.of() : (Map<String, Payload>) context);
  }
}
