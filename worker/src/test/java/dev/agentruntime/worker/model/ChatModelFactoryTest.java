package dev.agentruntime.worker.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.core.spec.ModelProvider;
import dev.agentruntime.core.spec.ModelSpec;
import dev.agentruntime.testkit.FakeOpenAiServer;
import dev.agentruntime.worker.secret.SecretResolver;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Model objects are shared between calls, yet every call sends its own headers. */
class ChatModelFactoryTest {

  private final FakeOpenAiServer server = FakeOpenAiServer.start();
  private final ChatModelFactory factory = new ChatModelFactory(new SecretResolver());
  private final ModelSpec spec =
      new ModelSpec(ModelProvider.OPENAI, "fake", server.baseUrl(), null, null, null);
  private final ChatRequest hello = ChatRequest.builder().messages(UserMessage.from("hi")).build();

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void concurrentCallsOfOneSharedModelEachSendTheirOwnIdempotencyKey() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> calls = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        String key = "run/step-" + i;
        calls.add(
            threads.submit(
                () ->
                    factory
                        .create(spec, Duration.ofSeconds(10), Map.of("Idempotency-Key", key))
                        .chat(hello)));
      }
      for (Future<?> call : calls) {
        call.get();
      }
    } finally {
      threads.shutdownNow();
    }
    assertThat(server.calls()).hasSize(40);
    for (int i = 0; i < 40; i++) {
      assertThat(server.callsWithKey("run/step-" + i)).as("calls with key %d", i).isEqualTo(1);
    }
    assertThat(factory.cachedModels()).isEqualTo(1);
  }

  @Test
  void aCallWithoutHeadersSendsNoneOfAnEarlierCallsHeaders() {
    factory.create(spec, Duration.ofSeconds(10), Map.of("Idempotency-Key", "first")).chat(hello);
    factory.create(spec, Duration.ofSeconds(10), Map.of()).chat(hello);

    assertThat(server.calls())
        .extracting(FakeOpenAiServer.Call::idempotencyKey)
        .containsExactly("first", null);
  }

  @Test
  void anotherTimeoutOrModelIsAnotherObject() {
    factory.create(spec, Duration.ofSeconds(10), Map.of()).chat(hello);
    factory.create(spec, Duration.ofSeconds(20), Map.of()).chat(hello);
    factory
        .create(
            new ModelSpec(ModelProvider.OPENAI, "other", server.baseUrl(), null, 0.5, null),
            Duration.ofSeconds(10),
            Map.of())
        .chat(hello);
    factory.create(spec, Duration.ofSeconds(10), Map.of()).chat(hello);

    assertThat(factory.cachedModels()).isEqualTo(3);
    assertThat(server.calls()).hasSize(4);
  }
}
