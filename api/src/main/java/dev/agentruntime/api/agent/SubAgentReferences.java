package dev.agentruntime.api.agent;

import dev.agentruntime.api.agent.alias.AliasService;
import dev.agentruntime.api.problem.Violation;
import dev.agentruntime.core.spec.AgentReference;
import dev.agentruntime.core.spec.AgentSpec;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether the agents a spec names (its tools of kind agent, its pipeline's steps) are the
 * publishing tenant's: each must be an agent of the tenant (another tenant's agent of that name
 * does not count) with the pinned version, or with the alias the entry names. Checked when a
 * version is published, so a spec naming what the tenant cannot run is refused with its field
 * instead of failing its calls; the worker checks again when a call admits the child. A version,
 * once it exists, exists for good (versions are never deleted), so what is accepted here stays
 * runnable; an alias may be deleted later, and then its calls are refused one by one.
 */
@ApplicationScoped
public class SubAgentReferences {

  private final AgentVersionRepository versions;
  private final AliasService aliases;

  public SubAgentReferences(AgentVersionRepository versions, AliasService aliases) {
    this.versions = versions;
    this.aliases = aliases;
  }

  /**
   * A violation for each reference of {@code spec} the tenant cannot run, in spec order: on the
   * entry's {@code agent} when the tenant has no agent of that name, on its {@code version} when
   * the agent lacks that version, on its {@code alias} when the agent has no such alias.
   *
   * @param alreadyRefused fields with a violation already, left alone so a field is refused once
   */
  public List<Violation> violations(
      String tenantId, AgentSpec spec, Collection<String> alreadyRefused) {
    List<AgentReference> refs =
        spec.agentReferences().stream()
            .filter(ref -> !alreadyRefused.contains(ref.path()))
            .filter(ref -> !alreadyRefused.contains(ref.versionPath()))
            .filter(ref -> !alreadyRefused.contains(ref.aliasPath()))
            .toList();
    if (refs.isEmpty()) {
      return List.of();
    }
    List<String> names = refs.stream().map(AgentReference::agent).distinct().toList();
    Map<String, TreeSet<Integer>> known = versions.versionsByAgentName(tenantId, names);
    Map<String, Set<String>> aliased =
        refs.stream().anyMatch(ref -> ref.alias() != null)
            ? aliases.namesByAgentName(tenantId, names)
            : Map.of();
    List<Violation> out = new ArrayList<>();
    for (AgentReference ref : refs) {
      TreeSet<Integer> have = known.get(ref.agent());
      if (have == null) {
        out.add(
            new Violation(
                ref.path(),
                "names agent '"
                    + ref.agent()
                    + "', which this tenant does not have (POST /v1/agents first)"));
      } else if (ref.alias() != null) {
        if (!aliased.getOrDefault(ref.agent(), Set.of()).contains(ref.alias())) {
          out.add(
              new Violation(
                  ref.aliasPath(),
                  "names alias '"
                      + ref.alias()
                      + "' of agent '"
                      + ref.agent()
                      + "', which it does not have (PUT /v1/agents/{id}/aliases/"
                      + ref.alias()
                      + " first)"));
        }
      } else if (!have.contains(ref.version())) {
        out.add(
            new Violation(
                ref.versionPath(),
                "names version "
                    + ref.version()
                    + " of agent '"
                    + ref.agent()
                    + "', "
                    + (have.isEmpty()
                        ? "which has no version yet"
                        : "whose latest version is " + have.last())
                    + " (publish it first)"));
      }
    }
    return out;
  }
}
