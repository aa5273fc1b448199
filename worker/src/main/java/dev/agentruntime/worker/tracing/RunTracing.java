package dev.agentruntime.worker.tracing;

import dev.agentruntime.core.spec.ModelSpec;
import dev.agentruntime.core.tracing.RunTraceAttributes;
import dev.agentruntime.worker.agent.TurnAnswer;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ChatMessageSerializer;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The spans of a run's work inside its activities: one per model call ({@code chat <model>}, a
 * Langfuse generation with the gen_ai semantic-convention attributes), per tool call ({@code
 * execute_tool <name>}) and per HTTP-agent turn ({@code invoke_agent <endpoint host>}). Each is a
 * child of the activity's span ({@link ActivityTracingInterceptor}) and carries the run's Langfuse
 * trace attributes. Opened only where the call really happens: an attempt that reuses a recorded
 * answer opens none, so a trace shows one completed call per completed step.
 *
 * <p>Prompt and completion text stay off spans unless {@value #CAPTURE_CONTENT} is true: they may
 * hold personal data, and the trace backend usually has other readers than the run's tenant.
 */
@Singleton
public class RunTracing {

  public static final String CAPTURE_CONTENT = "agent-runtime.tracing.capture-content";

  static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
  static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("gen_ai.provider.name");
  static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("gen_ai.system");
  static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
  static final AttributeKey<String> OBSERVATION_TYPE =
      AttributeKey.stringKey("langfuse.observation.type");
  static final AttributeKey<String> INPUT = AttributeKey.stringKey("langfuse.observation.input");
  static final AttributeKey<String> OUTPUT = AttributeKey.stringKey("langfuse.observation.output");
  static final AttributeKey<Long> STEP = AttributeKey.longKey("agent_runtime.step");

  private final Tracer tracer;
  private final boolean captureContent;

  @Inject
  public RunTracing(
      Tracer tracer,
      @ConfigProperty(name = CAPTURE_CONTENT, defaultValue = "false") boolean captureContent) {
    this.tracer = tracer;
    this.captureContent = captureContent;
  }

  /** No spans at all: for components wired by hand without tracing. */
  public static RunTracing off() {
    return new RunTracing(OpenTelemetry.noop().getTracer("agent-runtime-worker"), false);
  }

  /** A model call about to be made; the caller makes it current, then ends it. */
  public Span chat(ModelSpec model, int step, List<ChatMessage> messages) {
    String provider = model.provider().name().toLowerCase(Locale.ROOT);
    // The gen_ai span name: operation and model (the demo provider names no model).
    Span span =
        start("chat " + (model.name() == null ? provider : model.name()), SpanKind.CLIENT, step)
            .setAttribute(OPERATION, "chat")
            .setAttribute(PROVIDER, provider)
            .setAttribute(SYSTEM, provider)
            .setAttribute(REQUEST_MODEL, model.name())
            .setAttribute(OBSERVATION_TYPE, "generation")
            .startSpan();
    if (span.isRecording()) {
      if (model.temperature() != null) {
        span.setAttribute("gen_ai.request.temperature", model.temperature());
      }
      if (model.maxOutputTokens() != null) {
        span.setAttribute("gen_ai.request.max_tokens", (long) model.maxOutputTokens());
      }
      if (captureContent) {
        span.setAttribute(INPUT, ChatMessageSerializer.messagesToJson(messages));
      }
    }
    return span;
  }

  /** What the model answered: usage, finish reason, and the completion if content is captured. */
  public void answered(Span span, ChatResponse response) {
    if (!span.isRecording()) {
      return;
    }
    if (response.modelName() != null) {
      span.setAttribute("gen_ai.response.model", response.modelName());
    }
    if (response.id() != null) {
      span.setAttribute("gen_ai.response.id", response.id());
    }
    TokenUsage usage = response.tokenUsage();
    if (usage != null && usage.inputTokenCount() != null) {
      span.setAttribute("gen_ai.usage.input_tokens", (long) usage.inputTokenCount());
    }
    if (usage != null && usage.outputTokenCount() != null) {
      span.setAttribute("gen_ai.usage.output_tokens", (long) usage.outputTokenCount());
    }
    if (response.finishReason() != null) {
      span.setAttribute(
          AttributeKey.stringArrayKey("gen_ai.response.finish_reasons"),
          List.of(finishReason(response.finishReason())));
    }
    if (captureContent) {
      span.setAttribute(OUTPUT, ChatMessageSerializer.messageToJson(response.aiMessage()));
    }
  }

  /** A tool call about to be executed by the tool of {@code kind}. */
  public Span tool(String name, String kind, String callId, int step, String arguments) {
    Span span =
        start("execute_tool " + name, SpanKind.INTERNAL, step)
            .setAttribute(OPERATION, "execute_tool")
            .setAttribute("gen_ai.tool.name", name)
            .setAttribute("gen_ai.tool.type", "function")
            .setAttribute("gen_ai.tool.call.id", callId)
            .setAttribute("agent_runtime.tool.kind", kind)
            .setAttribute(OBSERVATION_TYPE, "tool")
            .startSpan();
    if (captureContent && span.isRecording() && arguments != null) {
      span.setAttribute(INPUT, arguments);
    }
    return span;
  }

  /** The tool's result text; a call that failed as a tool call (the model reads the error). */
  public void toolAnswered(Span span, String result, boolean error) {
    if (error) {
      span.setStatus(StatusCode.ERROR, "tool call failed");
    }
    if (captureContent && span.isRecording() && result != null) {
      span.setAttribute(OUTPUT, result);
    }
  }

  /** A turn about to be sent to an HTTP agent. */
  public Span turn(URI endpoint, int step) {
    return start("invoke_agent " + endpoint.getHost(), SpanKind.CLIENT, step)
        .setAttribute(OPERATION, "invoke_agent")
        .setAttribute("server.address", String.valueOf(endpoint.getHost()))
        .setAttribute("server.port", (long) endpoint.getPort())
        .setAttribute(OBSERVATION_TYPE, "agent")
        .startSpan();
  }

  /** What the agent answered: tool calls or its final output, and the tokens it reported. */
  public void turnAnswered(Span span, TurnAnswer answer) {
    if (!span.isRecording()) {
      return;
    }
    span.setAttribute("agent_runtime.turn.final", answer.isFinal());
    span.setAttribute("agent_runtime.turn.tool_calls", (long) answer.toolCalls().size());
    span.setAttribute("agent_runtime.turn.tokens", answer.tokens());
    if (captureContent) {
      AiMessage message = answer.toAiMessage();
      span.setAttribute(OUTPUT, ChatMessageSerializer.messageToJson(message));
    }
  }

  /** Marks a span failed with what failed; the message is the exception's, never content. */
  public static void failed(Span span, Throwable e) {
    span.recordException(e);
    span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
  }

  private SpanBuilder start(String name, SpanKind kind, int step) {
    return tracer
        .spanBuilder(name)
        .setSpanKind(kind)
        .setAttribute(STEP, (long) step)
        .setAllAttributes(RunTraceAttributes.of(Baggage.current()));
  }

  /** The OpenTelemetry gen_ai value of a LangChain4j finish reason. */
  static String finishReason(FinishReason reason) {
    return switch (reason) {
      case STOP -> "stop";
      case LENGTH -> "length";
      case TOOL_EXECUTION -> "tool_calls";
      case CONTENT_FILTER -> "content_filter";
      default -> reason.name().toLowerCase(Locale.ROOT);
    };
  }
}
