package dev.agentruntime.worker.tool.mcp;

import dev.agentruntime.core.spec.ToolSpec;
import dev.agentruntime.worker.egress.Egress;
import dev.agentruntime.worker.egress.EgressClient;
import dev.agentruntime.worker.egress.EgressException;
import dev.agentruntime.worker.egress.EgressLimits;
import dev.agentruntime.worker.secret.SecretResolver;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;

/**
 * Opens MCP sessions under the run's tenant's egress policy and with the entry's secret.
 *
 * <p>The egress check is the worker's one gate ({@link Egress#forTool}): the URL must be allowed by
 * the entry's {@code egressAllowlist}, and every address its host resolves to must be public unless
 * the operator granted the destination to the tenant. It runs once before the session (so a refusal
 * is reported as such) and again for every request of the session, whose transport ({@link
 * EgressMcpTransport}) connects only to the addresses each check passed.
 */
@Singleton
public class McpConnector {

  private final SecretResolver secrets;
  private final Egress egress;
  private final McpLimits limits;

  @Inject
  public McpConnector(SecretResolver secrets, Egress egress) {
    this(secrets, egress, McpLimits.DEFAULTS);
  }

  public McpConnector(SecretResolver secrets, Egress egress, McpLimits limits) {
    this.secrets = secrets;
    this.egress = egress;
    this.limits = limits;
  }

  public McpLimits limits() {
    return limits;
  }

  /**
   * A session with the entry's server, for a run of {@code tenantId}.
   *
   * @throws EgressException when the egress rules refuse the URL (nothing was sent)
   * @throws RuntimeException when the server cannot be reached or refuses the session
   */
  McpSession open(String tenantId, ToolSpec entry) throws EgressException {
    URI url = URI.create(entry.url());
    EgressClient client =
        egress.forTool(
            tenantId,
            entry.egressAllowlist(),
            new EgressLimits(
                EgressMcpTransport.MAX_ANSWER_BYTES,
                limits.connectTimeout(),
                limits.callTimeout(),
                0,
                false));
    egress.toolGate(tenantId, entry.egressAllowlist()).check(url);
    String bearer =
        entry.authRef() == null
            ? null
            : secrets.resolve(
                tenantId, entry.authRef(), "tools[" + entry.name() + "].authRef", url);
    return McpSession.open(client, entry.url(), bearer, limits);
  }
}
