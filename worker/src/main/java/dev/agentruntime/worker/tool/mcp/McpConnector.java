package dev.agentruntime.worker.tool.mcp;

import dev.agentruntime.core.spec.ToolSpec;
import dev.agentruntime.worker.secret.SecretResolver;
import dev.agentruntime.worker.tool.http.EgressAllowlist;
import dev.agentruntime.worker.tool.http.EgressException;
import dev.agentruntime.worker.tool.http.EgressGate;
import dev.agentruntime.worker.tool.http.HostResolver;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;

/**
 * Opens MCP sessions under an entry's egress rules and with its secret.
 *
 * <p>The egress check is {@link EgressGate}'s, the one {@code http_request} runs: the URL must be
 * allowed by the entry's {@code egressAllowlist}, and every address its host resolves to must not
 * be blocked unless an IP-literal entry names it. Unlike {@code http_request}, the connection is
 * then made by LangChain4j's streamable HTTP transport, which builds its own JDK HTTP client and
 * offers no hook to supply one or to connect to a given address: for a host name it resolves the
 * host again. The gap (a DNS answer that changes between the check and the connection) is
 * documented in docs/security.md; a URL with an IP literal has no second lookup.
 */
@Singleton
public class McpConnector {

  private final SecretResolver secrets;
  private final HostResolver resolver;
  private final McpLimits limits;

  @Inject
  public McpConnector(SecretResolver secrets) {
    this(secrets, HostResolver.SYSTEM, McpLimits.DEFAULTS);
  }

  public McpConnector(SecretResolver secrets, HostResolver resolver, McpLimits limits) {
    this.secrets = secrets;
    this.resolver = resolver;
    this.limits = limits;
  }

  public McpLimits limits() {
    return limits;
  }

  /**
   * A session with the entry's server.
   *
   * @throws EgressException when the egress rules refuse the URL (nothing was sent)
   * @throws RuntimeException when the server cannot be reached or refuses the session
   */
  McpSession open(ToolSpec entry) throws EgressException {
    new EgressGate(EgressAllowlist.of(entry.egressAllowlist()), resolver)
        .check(URI.create(entry.url()));
    String bearer =
        entry.authRef() == null
            ? null
            : secrets.resolve(entry.authRef(), "tools[" + entry.name() + "].authRef");
    return McpSession.open(entry.url(), bearer, limits);
  }
}
