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
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ToolSpec(
    String name,
    ToolKind kind,
    String description,
    boolean requiresApproval,
    List<String> egressAllowlist) {

  public ToolSpec {
    egressAllowlist = egressAllowlist == null ? List.of() : List.copyOf(egressAllowlist);
  }
}
