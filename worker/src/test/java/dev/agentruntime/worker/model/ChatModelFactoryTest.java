package dev.agentruntime.worker.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import dev.agentruntime.core.spec.ModelProvider;
import dev.agentruntime.core.spec.ModelSpec;
import dev.agentruntime.testkit.FakeOpenAiServer;
import dev.agentruntime.worker.TestInfrastructure;
import dev.agentruntime.worker.egress.Egress;
import dev.agentruntime.worker.egress.EgressPolicy;
import dev.agentruntime.worker.egress.HostResolver;
import dev.agentruntime.worker.secret.TestSecretResolvers;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Model objects are shared between calls, yet every call sends its own headers. */
class ChatModelFactoryTest {

  private final FakeOpenAiServer server = FakeOpenAiServer.start();
  private final ChatModelFactory factory =
      new ChatModelFactory(
          TestSecretResolvers.none(),
          new Egress(TestInfrastructure.TEST_EGRESS, HostResolver.SYSTEM));
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
                        .create("t", spec, Duration.ofSeconds(10), Map.of("Idempotency-Key", key))
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
    factory
        .create("t", spec, Duration.ofSeconds(10), Map.of("Idempotency-Key", "first"))
        .chat(hello);
    factory.create("t", spec, Duration.ofSeconds(10), Map.of()).chat(hello);

    assertThat(server.calls())
        .extracting(FakeOpenAiServer.Call::idempotencyKey)
        .containsExactly("first", null);
  }

  @Test
  void anotherTimeoutOrModelIsAnotherObject() {
    factory.create("t", spec, Duration.ofSeconds(10), Map.of()).chat(hello);
    factory.create("t", spec, Duration.ofSeconds(20), Map.of()).chat(hello);
    factory
        .create(
            "t",
            new ModelSpec(ModelProvider.OPENAI, "other", server.baseUrl(), null, 0.5, null),
            Duration.ofSeconds(10),
            Map.of())
        .chat(hello);
    factory.create("t", spec, Duration.ofSeconds(10), Map.of()).chat(hello);

    assertThat(factory.cachedModels()).isEqualTo(3);
    assertThat(server.calls()).hasSize(4);
  }

  @Test
  void aBaseUrlOnLoopbackWithoutTheOperatorsGrantIsRefusedBeforeAnythingIsSent() {
    ChatModelFactory ungranted =
        new ChatModelFactory(
            TestSecretResolvers.none(), new Egress(EgressPolicy.PUBLIC_ONLY, HostResolver.SYSTEM));

    ApplicationFailure refused =
        catchThrowableOfType(
            ApplicationFailure.class,
            () -> ungranted.create("t", spec, Duration.ofSeconds(10), Map.of()).chat(hello));

    assertThat(refused.isNonRetryable()).isTrue();
    assertThat(refused.getOriginalMessage()).contains("loopback address", "operator grants it");
    assertThat(server.calls()).isEmpty();
  }

  @Test
  void anAnswerLargerThanTheCapFailsTheAttemptWithoutReadingIt() throws Exception {
    HttpServer huge = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    AtomicLong written = new AtomicLong();
    huge.createContext(
        "/",
        exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, 0);
          byte[] chunk = new byte[64 * 1024];
          Arrays.fill(chunk, (byte) ' ');
          try (var out = exchange.getResponseBody()) {
            // An endless answer: only the cap stops the reading.
            for (int i = 0; i < 4096; i++) {
              out.write(chunk);
              written.addAndGet(chunk.length);
            }
          } catch (IOException hungUp) {
            // The worker hung up at the cap.
          }
        });
    huge.start();
    try {
      ModelSpec endless =
          new ModelSpec(
              ModelProvider.OPENAI,
              "fake",
              "http://127.0.0.1:" + huge.getAddress().getPort() + "/v1",
              null,
              null,
              null);
      ApplicationFailure failed =
          catchThrowableOfType(
              ApplicationFailure.class,
              () -> factory.create("t", endless, Duration.ofSeconds(20), Map.of()).chat(hello));

      assertThat(failed.isNonRetryable()).isFalse();
      assertThat(failed.getOriginalMessage()).contains("larger than 16777216 bytes");
      assertThat(written.get()).isLessThan(4096L * 64 * 1024);
    } finally {
      huge.stop(0);
    }
  }
}
