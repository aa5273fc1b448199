package dev.agentruntime.core.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The rules of {@link ToolKind#AGENT} entries, part of {@link AgentSpecValidator}: an agent named
 * as agents are named, a pinned version, and an input schema that is an object. Whether the agent
 * and version exist in the tenant is checked where the tenant's agents are known: at publish by the
 * API ({@link #references}) and again when a call starts the child run.
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
    if (tool.version() == null || tool.version() < 1) {
      out.add(
          new SpecViolation(
              at + ".version",
              "is required: the version of the agent every call runs (1 or more), so that a"
                  + " version of this agent always runs the same sub-agent"));
    }
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
   * agent or a version is left out: {@link #validate} refuses it already, and the API checks the
   * references of a spec that may have other violations, so that one answer names every field.
   */
  static List<AgentReference> references(AgentSpec spec) {
    List<ToolSpec> tools = spec.tools();
    return IntStream.range(0, tools.size())
        .filter(
            i ->
                tools.get(i) != null
                    && tools.get(i).kind() == ToolKind.AGENT
                    && tools.get(i).agent() != null
                    && tools.get(i).version() != null)
        .mapToObj(
            i ->
                new AgentReference(
                    "tools[" + i + "].agent", tools.get(i).agent(), tools.get(i).version()))
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
    if (tool.inputSchema() != null) {
      present.add("inputSchema");
    }
    return present;
  }
}
