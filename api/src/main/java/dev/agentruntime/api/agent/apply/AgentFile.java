package dev.agentruntime.api.agent.apply;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * One agent file (docs/agents-as-code.md), read: the agent, one spec of it, and the aliases to
 * point. A file without {@code version} describes the agent's latest version; with one, it says
 * which number the spec has (an export holds one file per version).
 *
 * @param file the file's name as the request gave it, which every violation names
 * @param version null, or the number this spec must have
 * @param aliases by name; an empty map when the file names none
 */
record AgentFile(
    String file,
    String name,
    String description,
    Integer version,
    JsonNode spec,
    Map<String, AliasEntry> aliases) {

  /** An alias as a file names it: a version of the agent, or {@link #THIS} file's version. */
  record AliasEntry(VersionRef version, VersionRef canaryVersion, Integer canaryWeight) {}

  /**
   * A version as a file names it: a number, or the version this file's spec is (null number).
   *
   * @param number null for "this"
   */
  record VersionRef(Integer number) {
    static final VersionRef THIS = new VersionRef(null);

    int resolve(int thisVersion) {
      return number == null ? thisVersion : number;
    }
  }
}
