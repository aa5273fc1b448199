package dev.agentruntime.worker.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.agentruntime.core.spec.ModelProvider;
import dev.agentruntime.core.spec.ModelSpec;
import dev.agentruntime.core.tracing.RunTraceAttributes;
import dev.agentruntime.core.workflow.RunWorkflowInput;
import dev.agentruntime.worker.agent.TurnAnswer;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The attributes of model-call spans, and content capture off by default, on when configured. */
class RunTracingTest {

  private final InMemorySpanExporter exported = InMemorySpanExporter.create();
  private final SdkTracerProvider provider =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exported)).build();
  private final RunWorkflowInput run =
      new RunWorkflowInput(
          "acme", UUID.randomUUID(), UUID.randomUUID(), "notes", UUID.randomUUID(), 3);
  private final ModelSpec model =
      new ModelSpec(ModelProvider.OPENAI, "gpt-4o-mini", null, null, 0.2, 256);
  private final List<ChatMessage> prompt = List.of(UserMessage.from("my secret prompt"));
  private final ChatResponse answer =
      ChatResponse.builder()
          .aiMessage(AiMessage.from("the secret answer"))
          .tokenUsage(new TokenUsage(12, 5))
          .finishReason(FinishReason.STOP)
          .modelName("gpt-4o-mini-2024")
          .id("chatcmpl-1")
          .build();

  @AfterEach
  void close() {
    provider.close();
  }

  @Test
  void aModelCallIsAGenerationWithGenAiAndLangfuseAttributesAndNoContentByDefault() {
    Attributes attributes = call(new RunTracing(provider.get("test"), false));

    assertThat(attributes.get(AttributeKey.stringKey("gen_ai.operation.name"))).isEqualTo("chat");
    assertThat(attributes.get(AttributeKey.stringKey("gen_ai.provider.name"))).isEqualTo("openai");
    assertThat(attributes.get(AttributeKey.stringKey("gen_ai.request.model")))
        .isEqualTo("gpt-4o-mini");
    assertThat(attributes.get(AttributeKey.doubleKey("gen_ai.request.temperature"))).isEqualTo(0.2);
    assertThat(attributes.get(AttributeKey.longKey("gen_ai.request.max_tokens"))).isEqualTo(256L);
    assertThat(attributes.get(AttributeKey.longKey("gen_ai.usage.input_tokens"))).isEqualTo(12L);
    assertThat(attributes.get(AttributeKey.longKey("gen_ai.usage.output_tokens"))).isEqualTo(5L);
    assertThat(attributes.get(AttributeKey.stringArrayKey("gen_ai.response.finish_reasons")))
        .containsExactly("stop");
    assertThat(attributes.get(AttributeKey.stringKey("gen_ai.response.model")))
        .isEqualTo("gpt-4o-mini-2024");
    assertThat(attributes.get(AttributeKey.stringKey("langfuse.observation.type")))
        .isEqualTo("generation");
    assertThat(attributes.get(RunTraceAttributes.LANGFUSE_SESSION_ID))
        .isEqualTo(run.runId().toString());
    assertThat(attributes.get(RunTraceAttributes.LANGFUSE_USER_ID)).isEqualTo("acme");
    assertThat(attributes.get(RunTraceAttributes.LANGFUSE_TAGS)).contains("tenant:acme");
    assertThat(attributes.get(RunTraceAttributes.LANGFUSE_RELEASE)).isEqualTo("notes@3");
    assertThat(attributes.get(RunTraceAttributes.LANGFUSE_TRACE_NAME)).isEqualTo("notes");
    assertThat(attributes.get(RunTracing.STEP)).isEqualTo(2L);
    assertThat(attributes.get(RunTracing.INPUT)).isNull();
    assertThat(attributes.get(RunTracing.OUTPUT)).isNull();
    assertThat(attributes.toString()).doesNotContain("secret");
  }

  @Test
  void contentIsCapturedWhenTheDeploymentTurnsItOn() {
    Attributes attributes = call(new RunTracing(provider.get("test"), true));

    assertThat(attributes.get(RunTracing.INPUT)).contains("my secret prompt");
    assertThat(attributes.get(RunTracing.OUTPUT)).contains("the secret answer");
  }

  @Test
  void toolCallsAndAgentTurnsHaveTheirOwnSpans() {
    RunTracing tracing = new RunTracing(provider.get("test"), false);
    try (Scope ignored = Context.root().with(RunTraceAttributes.baggage(run)).makeCurrent()) {
      Span tool = tracing.tool("fetch", "http_request", "call-1", 1, "{\"url\": \"x\"}");
      tracing.toolAnswered(tool, "error: refused", true);
      tool.end();
      Span turn = tracing.turn(URI.create("http://agent.internal:8000/"), 2);
      tracing.turnAnswered(turn, new TurnAnswer(List.of(), TextNode.valueOf("done"), null, 7));
      turn.end();
    }

    List<SpanData> spans = exported.getFinishedSpanItems();
    assertThat(spans.stream().map(SpanData::getName).toList())
        .containsExactly("execute_tool fetch", "invoke_agent agent.internal");
    Attributes tool = spans.get(0).getAttributes();
    assertThat(tool.get(AttributeKey.stringKey("gen_ai.operation.name"))).isEqualTo("execute_tool");
    assertThat(tool.get(AttributeKey.stringKey("gen_ai.tool.name"))).isEqualTo("fetch");
    assertThat(tool.get(AttributeKey.stringKey("agent_runtime.tool.kind")))
        .isEqualTo("http_request");
    assertThat(tool.get(RunTraceAttributes.LANGFUSE_SESSION_ID)).isEqualTo(run.runId().toString());
    assertThat(tool.get(RunTracing.INPUT)).isNull();
    assertThat(spans.get(0).getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    Attributes turn = spans.get(1).getAttributes();
    assertThat(turn.get(AttributeKey.stringKey("gen_ai.operation.name"))).isEqualTo("invoke_agent");
    assertThat(turn.get(AttributeKey.booleanKey("agent_runtime.turn.final"))).isTrue();
    assertThat(turn.get(AttributeKey.longKey("agent_runtime.turn.tokens"))).isEqualTo(7L);
    assertThat(turn.get(AttributeKey.stringKey("langfuse.observation.type"))).isEqualTo("agent");
  }

  @Test
  void tracingOffOpensNoRecordingSpan() {
    Span span = RunTracing.off().chat(model, 1, prompt);
    assertThat(span.isRecording()).isFalse();
    span.end();
  }

  private Attributes call(RunTracing tracing) {
    Context context = Context.root().with(RunTraceAttributes.baggage(run));
    try (Scope ignored = context.makeCurrent()) {
      Span span = tracing.chat(model, 2, prompt);
      tracing.answered(span, answer);
      span.end();
    }
    List<SpanData> spans = exported.getFinishedSpanItems();
    assertThat(spans).hasSize(1);
    assertThat(spans.get(0).getName()).isEqualTo("chat gpt-4o-mini");
    return spans.get(0).getAttributes();
  }
}
