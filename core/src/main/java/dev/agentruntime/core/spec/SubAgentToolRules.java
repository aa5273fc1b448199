package dev.agentruntime.core.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The rules of {@link ToolKind#AGENT} entries, part of {@link AgentSpecValidator}: an agent named
 * as agents are named, exactly one of a pinned version and an alias, and an input schema that is an
 * object. Whether the agent and version (or alias) exist in the tenant is checked where the
 * tenant's agents are known: at publish by the API ({@link #references}) and again when a call
 * starts the child run.
 */
public final class SubAgentToolRules {

  private SubAgentToolRules() {}

  static void validate(ToolSpec tool, String at, List<SpecViolation> out) {
    if (tool.kind() != ToolKind.AGENT) {
      for (String field : presentAgentFields(tool)) {
        out.add(new SpecViolation(at + "." + field, "is only allowed with kind agent"));
      }
      return;
    }
    if (tool.agent() == null || !AgentReference.NAME.matcher(tool.agent()).matches()) {
      out.add(
          new SpecViolation(
              at + ".agent", "must name an agent of this tenant: " + AgentReference.NAME_REGEX));
    }
    AgentReference.checkVersionOrAlias(
        tool.version(),
        tool.alias(),
        at,
        "the version of the agent every call runs (1 or more), so that a version of this agent"
            + " always runs the same sub-agent; or an alias of it, which every call resolves",
        out);
    if (tool.inputSchema() != null && !tool.inputSchema().isObject()) {
      out.add(new SpecViolation(at + ".inputSchema", "must be a JSON object (a JSON schema)"));
    }
    if (!tool.egressAllowlist().isEmpty()) {
      out.add(
          new SpecViolation(
              at + ".egressAllowlist",
              "is not used by kind agent (the sub-agent's own tools name their hosts); omit it"));
    }
  }

  /**
   * The agents {@code spec}'s tools name, each with the path of its entry. An entry without an
   * agent, or without both a version and an alias, is left out: {@link #validate} refuses it
   * already, and the API checks the references of a spec that may have other violations, so that
   * one answer names every field.
   */
  static List<AgentReference> references(AgentSpec spec) {
    List<ToolSpec> tools = spec.tools();
    return IntStream.range(0, tools.size())
        .filter(
            i ->
                tools.get(i) != null
                    && tools.get(i).kind() == ToolKind.AGENT
                    && tools.get(i).agent() != null
                    && (tools.get(i).version() != null || tools.get(i).alias() != null))
        .mapToObj(
            i ->
                new AgentReference(
                    "tools[" + i + "].agent",
                    tools.get(i).agent(),
                    tools.get(i).version(),
                    tools.get(i).alias()))
        .toList();
  }

  private static List<String> presentAgentFields(ToolSpec tool) {
    ArrayList<String> present = new ArrayList<>();
    if (tool.agent() != null) {
      present.add("agent");
    }
    if (tool.version() != null) {
      present.add("version");
    }
    if (tool.alias() != null) {
      present.add("alias");
    }
    if (tool.inputSchema() != null) {
      present.add("inputSchema");
    }
    return present;
  }
}
