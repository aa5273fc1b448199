package dev.agentruntime.core.tracing;

import dev.agentruntime.core.workflow.RunWorkflowInput;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.temporal.common.interceptors.WorkflowClientCallsInterceptor;
import io.temporal.common.interceptors.WorkflowClientCallsInterceptor.WorkflowStartInput;
import io.temporal.common.interceptors.WorkflowClientCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowClientInterceptorBase;
import java.util.function.Supplier;

/**
 * Opens a {@code StartWorkflow:<type>} span around each workflow start, a child of whatever span is
 * current (the API's {@code POST /v1/runs} server span on admission; none when the reconciler
 * dispatches a run, which then starts its own trace), and writes its context and the run's baggage
 * into the start's Temporal header, where the worker finds them for every activity of the run.
 */
public final class TracingClientInterceptor extends WorkflowClientInterceptorBase {

  private final Tracer tracer;

  public TracingClientInterceptor(Tracer tracer) {
    this.tracer = tracer;
  }

  @Override
  public WorkflowClientCallsInterceptor workflowClientCallsInterceptor(
      WorkflowClientCallsInterceptor next) {
    return new WorkflowClientCallsInterceptorBase(next) {
      @Override
      public WorkflowStartOutput start(WorkflowStartInput input) {
        return traced("StartWorkflow:", input, () -> super.start(input));
      }

      // A control signal to a run not dispatched yet starts its workflow (RunSignals): that start
      // carries the trace context too, or the run's activities would each begin a trace.
      @Override
      public WorkflowSignalWithStartOutput signalWithStart(WorkflowSignalWithStartInput input) {
        return traced(
            "SignalWithStartWorkflow:",
            input.getWorkflowStartInput(),
            () -> super.signalWithStart(input));
      }
    };
  }

  private <T> T traced(String prefix, WorkflowStartInput input, Supplier<T> call) {
    Context parent = Context.current();
    Baggage baggage = Baggage.empty();
    if (input.getArguments().length == 1
        && input.getArguments()[0] instanceof RunWorkflowInput run) {
      baggage = RunTraceAttributes.baggage(run);
    }
    Span span =
        tracer
            .spanBuilder(prefix + input.getWorkflowType())
            .setParent(parent)
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute(AttributeKey.stringKey("temporal.workflow.id"), input.getWorkflowId())
            .setAttribute(AttributeKey.stringKey("temporal.workflow.type"), input.getWorkflowType())
            .setAllAttributes(RunTraceAttributes.of(baggage))
            .startSpan();
    Context context = parent.with(span).with(baggage);
    if (span.getSpanContext().isValid()) {
      // Tracing off (a no-op tracer): the history stays exactly as without tracing.
      TraceHeaders.inject(context, input.getHeader().getValues());
    }
    try (Scope ignored = context.makeCurrent()) {
      return call.get();
    } catch (RuntimeException e) {
      span.recordException(e);
      span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
      throw e;
    } finally {
      span.end();
    }
  }
}
