package dev.agentruntime.core.spec;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Where a spec names another agent of its tenant: a tool of kind agent, or a pipeline's step. Only
 * the tenant's own agents are ever meant; whether it has one of that name and version (or alias) is
 * checked where the tenant's agents are known: at publish by the API, and again when a child run is
 * admitted.
 *
 * <p>Exactly one of {@code version} and {@code alias} is set on a reference the validator accepts.
 * A version exists for good once published; an alias may be moved or deleted after publish, so a
 * reference by alias is resolved again at every call, and refused then if the alias is gone.
 *
 * @param path the path of the {@code agent} field, e.g. {@code tools[1].agent} or {@code
 *     pipeline.steps[1].parallel[0].agent}
 * @param agent the agent's name
 * @param version its pinned version, or null when {@code alias} names it
 * @param alias the alias of the agent that names the version at call time, or null
 */
public record AgentReference(String path, String agent, Integer version, String alias) {

  /** Agent names, as PostgreSQL holds them (V1) and the API takes them. */
  public static final String NAME_REGEX = "^[a-z][a-z0-9-]{0,62}$";

  public static final Pattern NAME = Pattern.compile(NAME_REGEX);

  /**
   * Alias names, as V25's check on {@code agent_alias.name} holds them: never {@code latest}, which
   * a run without a version already means.
   */
  public static final String ALIAS_REGEX = "^(?!latest$)[a-z][a-z0-9-]{0,62}$";

  public static final Pattern ALIAS = Pattern.compile(ALIAS_REGEX);

  /** A reference by version. */
  public AgentReference(String path, String agent, int version) {
    this(path, agent, version, null);
  }

  /** The path of the {@code version} field beside the {@code agent} field. */
  public String versionPath() {
    return sibling("version");
  }

  /** The path of the {@code alias} field beside the {@code agent} field. */
  public String aliasPath() {
    return sibling("alias");
  }

  private String sibling(String field) {
    return path.substring(0, path.length() - ".agent".length()) + "." + field;
  }

  /**
   * The rule a tool of kind agent and a pipeline step share: exactly one of a version (1 or more)
   * and an alias (matching {@link #ALIAS_REGEX}), each violation on its field under {@code at}.
   *
   * @param why why one is required, appended to the message of a missing one
   */
  static void checkVersionOrAlias(
      Integer version, String alias, String at, String why, List<SpecViolation> out) {
    if (version != null && alias != null) {
      out.add(
          new SpecViolation(
              at + ".alias",
              "must be absent when version is given: name the agent's version or its alias, not"
                  + " both"));
      return;
    }
    if (version == null && alias == null) {
      out.add(new SpecViolation(at + ".version", "is required, or alias instead: " + why));
      return;
    }
    if (version != null && version < 1) {
      out.add(new SpecViolation(at + ".version", "must be at least 1"));
    }
    if (alias != null && !ALIAS.matcher(alias).matches()) {
      out.add(
          new SpecViolation(
              at + ".alias", "must name an alias of the agent: " + NAME_REGEX + ", not 'latest'"));
    }
  }
}
