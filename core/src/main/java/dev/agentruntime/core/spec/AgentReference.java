package dev.agentruntime.core.spec;

import java.util.regex.Pattern;

/**
 * Where a spec names another agent of its tenant: a tool of kind agent, or a pipeline's step. Only
 * the tenant's own agents are ever meant; whether it has one of that name and version is checked
 * where the tenant's agents are known: at publish by the API, and again when a child run is
 * admitted.
 *
 * @param path the path of the {@code agent} field, e.g. {@code tools[1].agent} or {@code
 *     pipeline.steps[1].parallel[0].agent}
 * @param agent the agent's name
 * @param version its pinned version
 */
public record AgentReference(String path, String agent, int version) {

  /** Agent names, as PostgreSQL holds them (V1) and the API takes them. */
  public static final String NAME_REGEX = "^[a-z][a-z0-9-]{0,62}$";

  public static final Pattern NAME = Pattern.compile(NAME_REGEX);

  /** The path of the {@code version} field beside the {@code agent} field. */
  public String versionPath() {
    return path.substring(0, path.length() - ".agent".length()) + ".version";
  }
}
