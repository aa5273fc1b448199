package dev.agentruntime.core.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A tool offered to the model. Most kinds offer one tool under {@code name}; an {@link
 * ToolKind#MCP} entry offers one tool per {@code allowedTools} entry, under that entry's name
 * ({@link #toolNames()}), and its own {@code name} only names the binding.
 *
 * @param name the name the model calls the tool by, unique within a spec; for kind mcp, the
 *     binding's name (not offered to the model)
 * @param kind which implementation executes it
 * @param description what the tool does, shown to the model; for kind mcp, for people only (the
 *     model reads the server's descriptions); for kind agent, what the model reads to decide when
 *     to call the sub-agent
 * @param requiresApproval whether a human must approve each call before it runs (for kind mcp: each
 *     call of each of its tools)
 * @param egressAllowlist hosts a network-reaching tool may contact; empty means none
 * @param approvalTimeoutSeconds how long a call waits for a decision before it counts as denied, 60
 *     to 604,800 (7 days); default 86,400 (one day). Only with {@code requiresApproval}.
 * @param url kind mcp only: the MCP server's streamable HTTP endpoint
 * @param authRef kind mcp only, optional: a secret reference ({@code env:NAME}, {@code file:/path})
 *     whose value the worker sends as {@code Authorization: Bearer <secret>}
 * @param allowedTools kind mcp only: the server's tools the model may see and call, by their names
 *     on the server; null when absent. Any other tool of the server is never offered.
 * @param agent kind agent only: the name of the agent of the same tenant a call runs as a child run
 * @param version kind agent only: the version of {@code agent} every call runs, pinned; or null
 *     when {@code alias} names it (exactly one of the two)
 * @param inputSchema kind agent only, optional: the JSON Schema of the call's arguments (an
 *     object), which is the child run's input; without it the model may pass any object
 * @param alias kind agent only, instead of {@code version}: an alias of {@code agent}, resolved
 *     when a call starts its child run (the child records the alias and stays on the version it
 *     resolved to); null when absent, so specs without it keep their content hash
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ToolSpec(
    String name,
    ToolKind kind,
    String description,
    boolean requiresApproval,
    List<String> egressAllowlist,
    Integer approvalTimeoutSeconds,
    String url,
    String authRef,
    List<String> allowedTools,
    String agent,
    Integer version,
    JsonNode inputSchema,
    String alias) {

  public static final int DEFAULT_APPROVAL_TIMEOUT_SECONDS = 86_400;

  public ToolSpec {
    egressAllowlist = egressAllowlist == null ? List.of() : List.copyOf(egressAllowlist);
    // Null stays null so that specs without MCP keep their canonical JSON (and content hash).
    // Nulls inside are kept for the validator to report.
    allowedTools =
        allowedTools == null ? null : Collections.unmodifiableList(new ArrayList<>(allowedTools));
  }

  /** An entry without an alias. */
  public ToolSpec(
      String name,
      ToolKind kind,
      String description,
      boolean requiresApproval,
      List<String> egressAllowlist,
      Integer approvalTimeoutSeconds,
      String url,
      String authRef,
      List<String> allowedTools,
      String agent,
      Integer version,
      JsonNode inputSchema) {
    this(
        name,
        kind,
        description,
        requiresApproval,
        egressAllowlist,
        approvalTimeoutSeconds,
        url,
        authRef,
        allowedTools,
        agent,
        version,
        inputSchema,
        null);
  }

  public ToolSpec(
      String name,
      ToolKind kind,
      String description,
      boolean requiresApproval,
      List<String> egressAllowlist,
      Integer approvalTimeoutSeconds,
      String url,
      String authRef,
      List<String> allowedTools) {
    this(
        name,
        kind,
        description,
        requiresApproval,
        egressAllowlist,
        approvalTimeoutSeconds,
        url,
        authRef,
        allowedTools,
        null,
        null,
        null);
  }

  public ToolSpec(
      String name,
      ToolKind kind,
      String description,
      boolean requiresApproval,
      List<String> egressAllowlist,
      Integer approvalTimeoutSeconds) {
    this(
        name,
        kind,
        description,
        requiresApproval,
        egressAllowlist,
        approvalTimeoutSeconds,
        null,
        null,
        null);
  }

  public ToolSpec(
      String name,
      ToolKind kind,
      String description,
      boolean requiresApproval,
      List<String> egressAllowlist) {
    this(name, kind, description, requiresApproval, egressAllowlist, null);
  }

  /** An {@link ToolKind#MCP} binding. */
  public static ToolSpec mcp(
      String name,
      String url,
      String authRef,
      List<String> allowedTools,
      List<String> egressAllowlist,
      boolean requiresApproval) {
    return new ToolSpec(
        name,
        ToolKind.MCP,
        null,
        requiresApproval,
        egressAllowlist,
        null,
        url,
        authRef,
        allowedTools);
  }

  /** An {@link ToolKind#AGENT} tool: calls run {@code agent} version {@code version}. */
  public static ToolSpec agent(
      String name, String description, String agent, int version, JsonNode inputSchema) {
    return new ToolSpec(
        name,
        ToolKind.AGENT,
        description,
        false,
        List.of(),
        null,
        null,
        null,
        null,
        agent,
        version,
        inputSchema);
  }

  /**
   * An {@link ToolKind#AGENT} tool naming an alias: each call runs the version {@code alias} of
   * {@code agent} points at when the call starts.
   */
  public static ToolSpec agentByAlias(
      String name, String description, String agent, String alias, JsonNode inputSchema) {
    return new ToolSpec(
        name,
        ToolKind.AGENT,
        description,
        false,
        List.of(),
        null,
        null,
        null,
        null,
        agent,
        null,
        inputSchema,
        alias);
  }

  public int approvalTimeoutSecondsOrDefault() {
    return approvalTimeoutSeconds == null
        ? DEFAULT_APPROVAL_TIMEOUT_SECONDS
        : approvalTimeoutSeconds;
  }

  /**
   * The names the model calls this entry's tools by: its {@code allowedTools} for kind mcp, else
   * its {@code name}.
   */
  public List<String> toolNames() {
    if (kind == ToolKind.MCP) {
      return allowedTools == null ? List.of() : allowedTools;
    }
    return name == null ? List.of() : List.of(name);
  }
}
