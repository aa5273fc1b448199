package dev.agentruntime.api.agent.apply;

import dev.agentruntime.api.problem.Violation;
import dev.agentruntime.core.spec.AgentReference;
import dev.agentruntime.core.spec.AgentSpecJson;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The order an apply takes its files in: agents that others name (tools of kind agent, pipeline
 * steps) before the agents naming them, so a set of files that creates both applies; within an
 * agent its numbered files by number, then the one without a number (its latest). Checks the rules
 * that span files: one unnumbered file and distinct numbers per agent, and each alias named by one
 * file only.
 */
final class ApplyOrder {

  private ApplyOrder() {}

  /** The files grouped by agent, in the order to apply; violations for the rules above. */
  static List<List<AgentFile>> of(List<AgentFile> files, List<Violation> violations) {
    Map<String, List<AgentFile>> byAgent = new TreeMap<>();
    for (AgentFile file : files) {
      byAgent.computeIfAbsent(file.name(), n -> new ArrayList<>()).add(file);
    }
    byAgent.values().forEach(group -> checkGroup(group, violations));
    Set<String> ordered = new LinkedHashSet<>();
    for (String agent : byAgent.keySet()) {
      visit(agent, byAgent, ordered, new LinkedHashSet<>());
    }
    return ordered.stream().map(byAgent::get).toList();
  }

  private static void checkGroup(List<AgentFile> group, List<Violation> violations) {
    group.sort(
        Comparator.comparing((AgentFile f) -> f.version() == null ? Integer.MAX_VALUE : f.version())
            .thenComparing(AgentFile::file));
    Map<Integer, String> numbers = new LinkedHashMap<>();
    Map<String, String> aliases = new LinkedHashMap<>();
    String unnumbered = null;
    for (AgentFile file : group) {
      if (file.version() == null) {
        if (unnumbered != null) {
          violations.add(
              new Violation(
                  AgentFiles.at(file.file(), "name"),
                  "agent '"
                      + file.name()
                      + "' has its latest spec in "
                      + unnumbered
                      + " already: give the other files a version"));
        }
        unnumbered = file.file();
      } else if (numbers.putIfAbsent(file.version(), file.file()) != null) {
        violations.add(
            new Violation(
                AgentFiles.at(file.file(), "version"),
                "version " + file.version() + " is in " + numbers.get(file.version()) + " too"));
      }
      for (String alias : file.aliases().keySet()) {
        String first = aliases.putIfAbsent(alias, file.file());
        if (first != null) {
          violations.add(
              new Violation(
                  AgentFiles.at(file.file(), "aliases." + alias),
                  "alias '" + alias + "' is pointed by " + first + " too"));
        }
      }
    }
  }

  private static void visit(
      String agent,
      Map<String, List<AgentFile>> byAgent,
      Set<String> ordered,
      Set<String> visiting) {
    if (ordered.contains(agent) || !byAgent.containsKey(agent) || !visiting.add(agent)) {
      return; // done, not in this apply, or a cycle (the publish then names what is missing)
    }
    for (AgentFile file : byAgent.get(agent)) {
      for (String named : namedAgents(file)) {
        visit(named, byAgent, ordered, visiting);
      }
    }
    ordered.add(agent);
  }

  /** The agents a file's spec names; none when it does not read (its publish says why). */
  private static List<String> namedAgents(AgentFile file) {
    try {
      return AgentSpecJson.fromTree(file.spec()).agentReferences().stream()
          .map(AgentReference::agent)
          .toList();
    } catch (Exception unreadable) {
      return List.of();
    }
  }
}
