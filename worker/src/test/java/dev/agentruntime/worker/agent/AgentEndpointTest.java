package dev.agentruntime.worker.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import dev.agentruntime.worker.TestInfrastructure;
import dev.agentruntime.worker.egress.Egress;
import dev.agentruntime.worker.egress.EgressPolicy;
import dev.agentruntime.worker.egress.HostResolver;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP side of the agent protocol against a real local server answering each case. */
class AgentEndpointTest {

  private final AgentEndpoint endpoint =
      new AgentEndpoint(new Egress(TestInfrastructure.TEST_EGRESS, HostResolver.SYSTEM));
  private final AtomicReference<String> idempotencyKey = new AtomicReference<>();
  private HttpServer agent;
  private volatile int status;
  private volatile String contentType;
  private volatile byte[] body;

  @BeforeEach
  void start() throws Exception {
    agent = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    agent.createContext(
        "/",
        exchange -> {
          idempotencyKey.set(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
          exchange.getRequestBody().readAllBytes();
          exchange.getResponseHeaders().set("Content-Type", contentType);
          if (status == 302) {
            exchange.getResponseHeaders().set("Location", "http://169.254.169.254/");
          }
          exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    agent.start();
  }

  @AfterEach
  void stop() {
    agent.stop(0);
  }

  private void answer(int status, String contentType, String body) {
    this.status = status;
    this.contentType = contentType;
    this.body = body.getBytes(StandardCharsets.UTF_8);
  }

  private URI base() {
    return URI.create("http://127.0.0.1:" + agent.getAddress().getPort() + "/agent");
  }

  private AgentCallFailed turnFails() {
    return catchThrowableOfType(
        AgentCallFailed.class,
        () -> endpoint.turn("t", base(), null, "run/turn-1", Instant.now().plusSeconds(5), "{}"));
  }

  @Test
  void aTurnCarriesItsIdempotencyKeyAndParsesTheAnswer() {
    answer(200, "application/json", "{\"output\":\"hi\"}");

    TurnAnswer answer =
        endpoint.turn("t", base(), "t", "run/turn-3", Instant.now().plusSeconds(5), "{}");

    assertThat(answer.output().asText()).isEqualTo("hi");
    assertThat(idempotencyKey.get()).isEqualTo("run/turn-3");
  }

  @Test
  void serverErrorsAndThrottlingAreRetryableOtherClientErrorsAreNot() {
    answer(503, "text/plain", "busy");
    assertThat(turnFails().retryable()).isTrue();
    answer(429, "text/plain", "slow down");
    assertThat(turnFails().retryable()).isTrue();

    answer(
        404,
        "application/problem+json",
        "{\"title\":\"Not Found\",\"detail\":\"no such\\nagent\"}");
    AgentCallFailed notFound = turnFails();
    assertThat(notFound.retryable()).isFalse();
    assertThat(notFound.status()).isEqualTo(404);
    // An agent on an internal address (reached by the operator's grant) is not quoted: its
    // status is all the tenant learns.
    assertThat(notFound.getMessage()).endsWith("HTTP 404").doesNotContain("no such");
  }

  @Test
  void aRedirectIsNotFollowedAndAnOversizedOrBrokenAnswerIsRefused() {
    answer(302, "text/plain", "");
    assertThat(turnFails()).satisfies(e -> assertThat(e.retryable()).isFalse());

    answer(200, "application/json", "{\"output\": ");
    assertThat(turnFails().getMessage()).contains("not JSON");

    answer(200, "application/json", "\"" + "x".repeat(AgentEndpoint.MAX_ANSWER_BYTES) + "\"");
    assertThat(turnFails().getMessage()).contains("larger than");
  }

  @Test
  void aManifestOfAnotherProtocolIsRefused() {
    answer(200, "application/json", "{\"protocol\":\"agent-runtime/v2\",\"name\":\"x\"}");

    AgentCallFailed failed =
        catchThrowableOfType(
            AgentCallFailed.class,
            () -> endpoint.manifest("t", base(), null, Duration.ofSeconds(5)));

    assertThat(failed.retryable()).isFalse();
    assertThat(failed.getMessage()).contains("agent-runtime/v2", AgentManifest.PROTOCOL);
  }

  @Test
  void anEndpointOnLoopbackWithoutTheOperatorsGrantIsRefusedBeforeAnythingIsSent() {
    answer(200, "application/json", "{\"output\":\"hi\"}");
    AgentEndpoint ungranted =
        new AgentEndpoint(new Egress(EgressPolicy.PUBLIC_ONLY, HostResolver.SYSTEM));

    AgentCallFailed refused =
        catchThrowableOfType(
            AgentCallFailed.class,
            () ->
                ungranted.turn(
                    "t", base(), null, "run/turn-1", Instant.now().plusSeconds(5), "{}"));

    assertThat(refused.retryable()).isFalse();
    assertThat(refused.getMessage()).contains("loopback address", "operator grants it");
    assertThat(idempotencyKey.get()).isNull();
  }

  @Test
  void anAgentThatIsDownIsRetryable() {
    agent.stop(0);

    assertThat(turnFails()).satisfies(e -> assertThat(e.retryable()).isTrue());
  }
}
