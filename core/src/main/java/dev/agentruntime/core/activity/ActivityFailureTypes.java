package dev.agentruntime.core.activity;

import java.util.List;

/**
 * The {@code ApplicationFailure} types run activities raise. The activities that raise them and the
 * workflow whose retry options refuse to retry some of them must agree on every name, and a
 * failure's type is what an operator filters on in Temporal, so the names are defined here, once.
 */
public final class ActivityFailureTypes {

  /**
   * A request no retry can fix: the model answered 400/401/403/404, an API key is missing, the
   * run's data is inconsistent. Step activities list it as non-retryable.
   */
  public static final String CLIENT_ERROR = "ClientError";

  /**
   * A kernel dependency (PostgreSQL, the object store) failed inside a step: not retried by the
   * agent's policy, but by the workflow under the kernel's.
   */
  public static final String KERNEL_UNAVAILABLE = "KernelDependencyUnavailable";

  /**
   * An MCP tool's definition on its server is no longer the one its agent version pinned: not
   * retried, since the server will not change back by itself; a new version is the fix.
   */
  public static final String MCP_TOOL_CHANGED = "McpToolChanged";

  /** A model call that failed in a way a retry may fix (5xx, 408, 429, network, timeout). */
  public static final String MODEL_UNAVAILABLE = "ModelUnavailable";

  /** Every type above. */
  public static final List<String> ALL =
      List.of(CLIENT_ERROR, KERNEL_UNAVAILABLE, MCP_TOOL_CHANGED, MODEL_UNAVAILABLE);

  private ActivityFailureTypes() {}
}
