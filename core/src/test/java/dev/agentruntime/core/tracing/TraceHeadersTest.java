package dev.agentruntime.core.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.core.workflow.RunWorkflowInput;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TraceHeadersTest {

  private static final SpanContext SPAN =
      SpanContext.create(
          "0af7651916cd43dd8448eb211c80319c",
          "b7ad6b7169203331",
          TraceFlags.getSampled(),
          TraceState.getDefault());

  @Test
  void theSpanContextAndTheRunsBaggageRoundTripThroughATemporalHeader() {
    RunWorkflowInput run =
        new RunWorkflowInput(
            "acme", UUID.randomUUID(), UUID.randomUUID(), "notes", UUID.randomUUID(), 3);
    Map<String, Payload> header = new HashMap<>();

    TraceHeaders.inject(
        Context.root().with(Span.wrap(SPAN)).with(RunTraceAttributes.baggage(run)), header);
    Context extracted = TraceHeaders.extract(header);

    assertThat(text(header.get("traceparent")))
        .isEqualTo("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    assertThat(Span.fromContext(extracted).getSpanContext().getSpanId())
        .isEqualTo("b7ad6b7169203331");
    assertThat(Span.fromContext(extracted).getSpanContext().isRemote()).isTrue();
    assertThat(Baggage.fromContext(extracted).getEntryValue(RunTraceAttributes.RUN_ID))
        .isEqualTo(run.runId().toString());
  }

  @Test
  void aHeaderWithoutTraceContextGivesNone() {
    Map<String, Payload> header = new HashMap<>();
    header.put("traceparent", DefaultDataConverter.STANDARD_INSTANCE.toPayload(42).orElseThrow());

    assertThat(Span.fromContext(TraceHeaders.extract(header)).getSpanContext().isValid()).isFalse();
    assertThat(Span.fromContext(TraceHeaders.extract(Map.of())).getSpanContext().isValid())
        .isFalse();
  }

  @Test
  void thePropagatorRelaysOnlyTheTraceEntriesOfAHeader() {
    TraceContextPropagator propagator = new TraceContextPropagator();
    Map<String, Payload> header = new HashMap<>();
    TraceHeaders.inject(Context.root().with(Span.wrap(SPAN)), header);
    header.put("someone-else", DefaultDataConverter.STANDARD_INSTANCE.toPayload("x").orElseThrow());

    propagator.setCurrentContext(propagator.deserializeContext(header));
    Map<String, Payload> relayed = propagator.serializeContext(propagator.getCurrentContext());

    assertThat(relayed).containsOnlyKeys("traceparent");
    propagator.setCurrentContext(propagator.deserializeContext(Map.of()));
    assertThat(propagator.serializeContext(propagator.getCurrentContext())).isEmpty();
  }

  private static String text(Payload payload) {
    return DefaultDataConverter.STANDARD_INSTANCE.fromPayload(payload, String.class, String.class);
  }
}
