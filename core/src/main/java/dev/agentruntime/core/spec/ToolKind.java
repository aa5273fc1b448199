package dev.agentruntime.core.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The kinds of tool the worker can execute. */
public enum ToolKind {
  /**
   * Writes a named artifact (text content) of the run to the object store. Arguments: {@code name},
   * {@code content}, optional {@code contentType}.
   */
  @JsonProperty("write_artifact")
  WRITE_ARTIFACT,

  /**
   * Sends one HTTP request to a host the tool's {@code egressAllowlist} allows and answers its
   * status, headers and (capped) body. Arguments: {@code method}, {@code url}, optional {@code
   * headers} (an object of strings) and {@code body} (a string).
   */
  @JsonProperty("http_request")
  HTTP_REQUEST,

  /**
   * Binds a remote MCP server (streamable HTTP transport at the entry's {@code url}): each of the
   * entry's {@code allowedTools} is offered to the model under its own name, with the definition
   * the worker pinned at first use. Arguments are the server tool's own.
   */
  @JsonProperty("mcp")
  MCP,

  /**
   * Runs another agent of the same tenant (its {@code agent}, at its pinned {@code version}) as a
   * child run: the call's arguments are the child's input and the child's answer (or why it did not
   * succeed) is the call's result. See docs/agent-spec.md, "Sub-agents".
   */
  @JsonProperty("agent")
  AGENT;

  /**
   * Whether a call reaches the network. Such a call runs as a scheduled activity that heartbeats
   * (never a local one), so a cancel reaches it and a dead worker is noticed.
   */
  public boolean reachesNetwork() {
    return this == HTTP_REQUEST || this == MCP;
  }
}
