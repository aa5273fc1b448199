package dev.agentruntime.core.tracing;

import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.List;
import java.util.Map;

/**
 * The W3C trace context ({@code traceparent}, {@code tracestate}) and baggage of a run, as Temporal
 * header entries: the client writes them on the workflow start, {@link TraceContextPropagator}
 * copies them onto every activity the workflow schedules, and the worker reads them there. Plain
 * W3C names, so anything that reads Temporal headers can follow the trace.
 */
public final class TraceHeaders {

  public static final String TRACEPARENT = "traceparent";
  public static final String TRACESTATE = "tracestate";
  public static final String BAGGAGE = "baggage";

  /** Every header entry this class writes; {@link TraceContextPropagator} carries exactly these. */
  public static final List<String> KEYS = List.of(TRACEPARENT, TRACESTATE, BAGGAGE);

  private static final TextMapPropagator W3C =
      TextMapPropagator.composite(
          W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance());

  private static final TextMapGetter<Map<String, Payload>> GETTER =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, Payload> carrier) {
          return carrier.keySet();
        }

        @Override
        public String get(Map<String, Payload> carrier, String key) {
          Payload value = carrier == null ? null : carrier.get(key);
          return value == null ? null : text(value);
        }
      };

  private TraceHeaders() {}

  /** Writes the span context and baggage of {@code context} into {@code header}. */
  public static void inject(Context context, Map<String, Payload> header) {
    W3C.inject(context, header, (carrier, key, value) -> carrier.put(key, payload(value)));
  }

  /** The remote span context and baggage a header carries, on top of the root context. */
  public static Context extract(Map<String, Payload> header) {
    return W3C.extract(Context.root(), header, GETTER);
  }

  private static Payload payload(String value) {
    return DefaultDataConverter.STANDARD_INSTANCE.toPayload(value).orElseThrow();
  }

  private static String text(Payload payload) {
    try {
      return DefaultDataConverter.STANDARD_INSTANCE.fromPayload(
          payload, String.class, String.class);
    } catch (RuntimeException notAString) {
      // Someone else's header under a W3C name: no trace context rather than a failed activity.
      return null;
    }
  }
}
