package dev.agentruntime.api.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.api.temporal.TestTemporalConfig;
import dev.agentruntime.core.temporal.TemporalConnectionOptions;
import dev.agentruntime.embedded.LocalTemporal;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/**
 * The Temporal check answers within its timeout even when the frontend accepts the connection and
 * then says nothing (a hung server, a black-holing proxy): what a load balancer's health check must
 * not wait out.
 */
class TemporalHealthDeadlineTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  @Test
  void aServerThatAcceptsButNeverAnswersIsDownWithinTheTimeout() throws Exception {
    try (SilentServer silent = new SilentServer()) {
      TestTemporalConfig config = TestTemporalConfig.plaintext("127.0.0.1:" + silent.port());
      WorkflowServiceStubs stubs = stubs(config);
      try {
        long started = System.nanoTime();
        HealthCheckResponse response = new TemporalHealth(stubs, config, TIMEOUT).call();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(response.getName()).isEqualTo(TemporalHealth.NAME);
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(response.getData().orElseThrow()).containsEntry("status", "DEADLINE_EXCEEDED");
        assertThat(silent.accepted()).as("the check reached the silent server").isPositive();
        assertThat(took).isBetween(TIMEOUT.minusMillis(200), TIMEOUT.plusSeconds(2));
      } finally {
        stubs.shutdownNow();
      }
    }
  }

  @Test
  void aTemporalServerThatAnswersIsUp() {
    try (LocalTemporal temporal = LocalTemporal.startEphemeral()) {
      TestTemporalConfig config = TestTemporalConfig.plaintext(temporal.target());
      WorkflowServiceStubs stubs = stubs(config);
      try {
        HealthCheckResponse response = new TemporalHealth(stubs, config, TIMEOUT).call();

        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(response.getData().orElseThrow()).containsEntry("namespace", "default");
      } finally {
        stubs.shutdownNow();
      }
    }
  }

  private static WorkflowServiceStubs stubs(TestTemporalConfig config) {
    return WorkflowServiceStubs.newServiceStubs(
        TemporalConnectionOptions.newBuilder(config).build());
  }

  /** A TCP server that accepts every connection, reads nothing and writes nothing. */
  private static final class SilentServer implements AutoCloseable {

    private final ServerSocket socket;
    private final List<Socket> held = new ArrayList<>();
    private final Thread acceptor;

    SilentServer() throws IOException {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      acceptor = Thread.ofPlatform().daemon().name("silent-server").start(this::acceptAll);
    }

    int port() {
      return socket.getLocalPort();
    }

    synchronized int accepted() {
      return held.size();
    }

    private void acceptAll() {
      while (!socket.isClosed()) {
        try {
          Socket connection = socket.accept();
          synchronized (this) {
            held.add(connection);
          }
        } catch (IOException closed) {
          return;
        }
      }
    }

    @Override
    public void close() throws Exception {
      socket.close();
      acceptor.join(1_000);
      synchronized (this) {
        for (Socket connection : held) {
          connection.close();
        }
      }
    }
  }
}
