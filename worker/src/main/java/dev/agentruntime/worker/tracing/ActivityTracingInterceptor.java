package dev.agentruntime.worker.tracing;

import dev.agentruntime.core.tracing.RunTraceAttributes;
import dev.agentruntime.core.tracing.TraceHeaders;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.client.ActivityCanceledException;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;

/**
 * One {@code RunActivity:<type>} span per activity attempt, continuing the trace whose context the
 * activity's Temporal header carries (written by the client on the workflow start, relayed by
 * {@link dev.agentruntime.core.tracing.TraceContextPropagator}). The span is current while the
 * activity runs, so the model, tool and turn spans the activities open are its children.
 *
 * <p>Spans are opened here and in activities only, never in workflow code: a workflow task is
 * replayed after a worker restart or a cache eviction, and a span opened there would be exported
 * again each time. An activity attempt runs exactly once per attempt, whatever is replayed.
 */
public final class ActivityTracingInterceptor extends WorkerInterceptorBase {

  private final Tracer tracer;

  public ActivityTracingInterceptor(Tracer tracer) {
    this.tracer = tracer;
  }

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new Traced(next, tracer);
  }

  private static final class Traced extends ActivityInboundCallsInterceptorBase {

    private final Tracer tracer;
    private ActivityInfo info;

    Traced(ActivityInboundCallsInterceptor next, Tracer tracer) {
      super(next);
      this.tracer = tracer;
    }

    @Override
    public void init(ActivityExecutionContext context) {
      info = context.getInfo();
      super.init(context);
    }

    @Override
    public ActivityOutput execute(ActivityInput input) {
      Context remote = TraceHeaders.extract(input.getHeader().getValues());
      Span span =
          tracer
              .spanBuilder("RunActivity:" + info.getActivityType())
              .setParent(remote)
              .setSpanKind(SpanKind.SERVER)
              .setAttribute(AttributeKey.stringKey("temporal.workflow.id"), info.getWorkflowId())
              .setAttribute(AttributeKey.stringKey("temporal.activity.id"), info.getActivityId())
              .setAttribute(
                  AttributeKey.stringKey("temporal.activity.type"), info.getActivityType())
              .setAttribute(AttributeKey.longKey("temporal.activity.attempt"), info.getAttempt())
              .setAttribute(AttributeKey.booleanKey("temporal.activity.local"), info.isLocal())
              .setAllAttributes(RunTraceAttributes.of(Baggage.fromContext(remote)))
              .startSpan();
      try (Scope ignored = remote.with(span).makeCurrent()) {
        return super.execute(input);
      } catch (ActivityCanceledException e) {
        // A cancel the run asked for: the attempt ended on purpose, not in error.
        span.setAttribute(AttributeKey.booleanKey("temporal.activity.cancelled"), true);
        throw e;
      } catch (RuntimeException | Error e) {
        span.recordException(e);
        span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
        throw e;
      } finally {
        span.end();
      }
    }
  }
}
