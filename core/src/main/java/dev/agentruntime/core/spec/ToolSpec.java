package dev.agentruntime.core.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A tool offered to the model.
 *
 * @param name the name the model calls the tool by, unique within a spec
 * @param kind which built-in implementation executes it
 * @param description what the tool does, shown to the model
 * @param requiresApproval whether a human must approve each call before it runs
 * @param egressAllowlist hosts a network-reaching tool may contact; empty means none
 * @param approvalTimeoutSeconds how long a call waits for a decision before it counts as denied, 60
 *     to 604,800 (7 days); default 86,400 (one day). Only with {@code requiresApproval}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ToolSpec(
    String name,
    ToolKind kind,
    String description,
    boolean requiresApproval,
    List<String> egressAllowlist,
    Integer approvalTimeoutSeconds) {

  public static final int DEFAULT_APPROVAL_TIMEOUT_SECONDS = 86_400;

  public ToolSpec {
    egressAllowlist = egressAllowlist == null ? List.of() : List.copyOf(egressAllowlist);
  }

  public ToolSpec(
      String name,
      ToolKind kind,
      String description,
      boolean requiresApproval,
      List<String> egressAllowlist) {
    this(name, kind, description, requiresApproval, egressAllowlist, null);
  }

  public int approvalTimeoutSecondsOrDefault() {
    return approvalTimeoutSeconds == null
        ? DEFAULT_APPROVAL_TIMEOUT_SECONDS
        : approvalTimeoutSeconds;
  }
}
