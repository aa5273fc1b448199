package dev.agentruntime.worker.tool.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentruntime.core.spec.ToolSpec;
import dev.agentruntime.worker.egress.Egress;
import dev.agentruntime.worker.egress.EgressPolicy;
import dev.agentruntime.worker.egress.EgressRefused;
import dev.agentruntime.worker.egress.HostResolver;
import dev.agentruntime.worker.secret.TestSecretResolvers;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An MCP server on a refused address is refused before a connection is even opened. */
class McpConnectorEgressTest {

  @Test
  void aServerOnLoopbackIsRefusedWithoutTheOperatorsGrantEvenWhenTheSpecsAllowlistNamesIt()
      throws Exception {
    try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = listening.getLocalPort();
      String origin = "http://127.0.0.1:" + port;
      ToolSpec entry =
          ToolSpec.mcp("local", origin + "/mcp", null, List.of("echo"), List.of(origin), false);
      McpConnector ungranted =
          new McpConnector(
              TestSecretResolvers.none(),
              new Egress(EgressPolicy.PUBLIC_ONLY, HostResolver.SYSTEM));

      assertThatThrownBy(() -> ungranted.open("acme", entry))
          .isInstanceOf(EgressRefused.class)
          .hasMessageContaining("127.0.0.1 (loopback address)");

      listening.setSoTimeout(300);
      assertThatThrownBy(listening::accept).isInstanceOf(SocketTimeoutException.class);
      assertThat(listening.isClosed()).isFalse();
    }
  }
}
