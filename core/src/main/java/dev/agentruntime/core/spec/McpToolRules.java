package dev.agentruntime.core.spec;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rules of {@link ToolKind#MCP} entries, part of {@link AgentSpecValidator}: a server URL the
 * entry's own egress rules allow, a short list of tools the model may use, whose names no other
 * tool of the spec uses, and a secret by reference only.
 */
final class McpToolRules {

  static final int MAX_ALLOWED_TOOLS = 32;
  static final int MAX_URL_CHARS = 2_000;

  private McpToolRules() {}

  static void validate(ToolSpec tool, String at, List<SpecViolation> out) {
    if (tool.kind() != ToolKind.MCP) {
      if (tool.url() != null) {
        out.add(new SpecViolation(at + ".url", "is only allowed with kind mcp"));
      }
      if (tool.authRef() != null) {
        out.add(new SpecViolation(at + ".authRef", "is only allowed with kind mcp"));
      }
      if (tool.allowedTools() != null) {
        out.add(new SpecViolation(at + ".allowedTools", "is only allowed with kind mcp"));
      }
      return;
    }
    validateUrl(tool, at, out);
    if (tool.authRef() != null && !AgentSpecValidator.isSecretRef(tool.authRef())) {
      out.add(
          new SpecViolation(
              at + ".authRef",
              "must be a secret reference like secret:MCP_TOKEN (a secret of the tenant), env:NAME or file:/path (a platform secret the operator granted), never the token itself"));
    }
    List<String> allowed = tool.allowedTools();
    if (allowed == null || allowed.isEmpty() || allowed.size() > MAX_ALLOWED_TOOLS) {
      out.add(
          new SpecViolation(
              at + ".allowedTools",
              "must name 1 to " + MAX_ALLOWED_TOOLS + " of the server's tools the model may use"));
      return;
    }
    for (int i = 0; i < allowed.size(); i++) {
      String name = allowed.get(i);
      if (name == null || !AgentSpecValidator.TOOL_NAME.matcher(name).matches()) {
        out.add(
            new SpecViolation(
                at + ".allowedTools[" + i + "]",
                "must match " + AgentSpecValidator.TOOL_NAME.pattern()));
      }
    }
  }

  private static void validateUrl(ToolSpec tool, String at, List<SpecViolation> out) {
    String url = tool.url();
    if (url == null) {
      out.add(new SpecViolation(at + ".url", "is required for kind mcp"));
      return;
    }
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      uri = null;
    }
    if (url.length() > MAX_URL_CHARS
        || uri == null
        || !AgentSpecValidator.isHttpUrl(url)
        || uri.getRawUserInfo() != null
        || uri.getRawFragment() != null) {
      out.add(
          new SpecViolation(
              at + ".url",
              "must be an absolute http or https URL of at most "
                  + MAX_URL_CHARS
                  + " chars, without user info or fragment"));
      return;
    }
    if (!tool.egressAllowlist().isEmpty()
        && !EgressEntries.allowsUrl(tool.egressAllowlist(), uri)) {
      out.add(
          new SpecViolation(
              at + ".egressAllowlist",
              "must allow the url's scheme, host and port (for "
                  + uri.getScheme()
                  + "://"
                  + uri.getRawAuthority()
                  + " an entry like "
                  + ("http".equals(uri.getScheme()) ? "http://" : "")
                  + uri.getRawAuthority()
                  + ")"));
    }
  }

  /**
   * The names the model calls tools by are unique across the spec: a tool's name, and every name in
   * an mcp entry's {@code allowedTools}.
   */
  static void validateModelFacingNames(List<ToolSpec> tools, List<SpecViolation> out) {
    Set<String> taken = new HashSet<>();
    for (ToolSpec tool : tools) {
      if (tool != null
          && tool.kind() != null
          && tool.kind() != ToolKind.MCP
          && tool.name() != null) {
        taken.add(tool.name());
      }
    }
    Set<String> seen = new HashSet<>();
    for (int t = 0; t < tools.size(); t++) {
      ToolSpec tool = tools.get(t);
      if (tool == null || tool.kind() != ToolKind.MCP || tool.allowedTools() == null) {
        continue;
      }
      for (int i = 0; i < tool.allowedTools().size(); i++) {
        String name = tool.allowedTools().get(i);
        if (name != null && (taken.contains(name) || !seen.add(name))) {
          out.add(
              new SpecViolation(
                  "tools[" + t + "].allowedTools[" + i + "]",
                  "duplicates another tool name of this spec: the model calls tools by these names"));
        }
      }
    }
  }
}
