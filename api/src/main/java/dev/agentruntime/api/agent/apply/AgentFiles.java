package dev.agentruntime.api.agent.apply;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentruntime.api.agent.alias.AliasService;
import dev.agentruntime.api.agent.apply.AgentFile.AliasEntry;
import dev.agentruntime.api.agent.apply.AgentFile.VersionRef;
import dev.agentruntime.api.problem.Violation;
import dev.agentruntime.core.spec.AgentReference;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads agent files strictly: every field of the format is checked here, and a mistake is a
 * violation whose field names the file ({@code files["agents/triage.json"].aliases.prod.version}),
 * so that one answer names everything to fix. The spec itself is read by the publish, which names
 * its own fields under {@code .spec}.
 */
final class AgentFiles {

  static final String API_VERSION = "agent-runtime/v1";
  static final String KIND = "Agent";

  private static final Set<String> FIELDS =
      Set.of("apiVersion", "kind", "name", "description", "version", "spec", "aliases");
  private static final Set<String> ALIAS_FIELDS = Set.of("version", "canary");
  private static final Set<String> CANARY_FIELDS = Set.of("version", "weight");
  private static final Pattern ALIAS_NAME = Pattern.compile(AliasService.NAME_REGEX);

  private AgentFiles() {}

  /** The path of {@code field} in the file, as violations name it. */
  static String at(String file, String field) {
    return "files[\"" + file + "\"]" + (field.isEmpty() ? "" : "." + field);
  }

  /** Reads one file; its mistakes are added to {@code violations} and null is answered. */
  static AgentFile read(String file, JsonNode node, List<Violation> violations) {
    int before = violations.size();
    if (!node.isObject()) {
      violations.add(new Violation(at(file, ""), "must be a JSON object (an agent file)"));
      return null;
    }
    node.fieldNames()
        .forEachRemaining(
            f -> {
              if (!FIELDS.contains(f)) {
                violations.add(new Violation(at(file, f), "is not a field of an agent file"));
              }
            });
    expect(file, node, "apiVersion", API_VERSION, violations);
    expect(file, node, "kind", KIND, violations);
    String name = text(node.get("name"));
    if (name == null || !AgentReference.NAME.matcher(name).matches()) {
      violations.add(
          new Violation(at(file, "name"), "must be an agent name " + AgentReference.NAME_REGEX));
    }
    JsonNode description = node.get("description");
    if (description != null
        && !description.isNull()
        && (!description.isTextual()
            || description.asText().codePointCount(0, description.asText().length()) > 2000)) {
      violations.add(
          new Violation(at(file, "description"), "must be text of at most 2000 characters"));
    }
    Integer version = positive(node.get("version"));
    if (node.has("version") && version == null) {
      violations.add(new Violation(at(file, "version"), "must be an integer of at least 1"));
    }
    JsonNode spec = node.get("spec");
    if (spec == null || !spec.isObject()) {
      violations.add(new Violation(at(file, "spec"), "must be an agent spec (a JSON object)"));
    }
    Map<String, AliasEntry> aliases = aliases(file, node.get("aliases"), violations);
    if (violations.size() > before) {
      return null;
    }
    return new AgentFile(
        file,
        name,
        description == null || description.isNull() ? null : description.asText(),
        version,
        spec,
        aliases);
  }

  private static Map<String, AliasEntry> aliases(
      String file, JsonNode node, List<Violation> violations) {
    Map<String, AliasEntry> out = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isObject()) {
      violations.add(new Violation(at(file, "aliases"), "must be an object of aliases by name"));
      return out;
    }
    node.fields()
        .forEachRemaining(
            entry -> {
              String path = "aliases." + entry.getKey();
              if (!ALIAS_NAME.matcher(entry.getKey()).matches()) {
                violations.add(
                    new Violation(
                        at(file, path), "is not an alias name " + AliasService.NAME_REGEX));
                return;
              }
              AliasEntry alias = alias(file, path, entry.getValue(), violations);
              if (alias != null) {
                out.put(entry.getKey(), alias);
              }
            });
    return out;
  }

  private static AliasEntry alias(
      String file, String path, JsonNode node, List<Violation> violations) {
    if (!node.isObject()) {
      violations.add(new Violation(at(file, path), "must be {version, canary?}"));
      return null;
    }
    unknown(file, path, node, ALIAS_FIELDS, violations);
    VersionRef version = versionRef(file, path + ".version", node.get("version"), violations);
    JsonNode canary = node.get("canary");
    if (canary == null || canary.isNull()) {
      return version == null ? null : new AliasEntry(version, null, null);
    }
    if (!canary.isObject()) {
      violations.add(new Violation(at(file, path + ".canary"), "must be {version, weight}"));
      return null;
    }
    unknown(file, path + ".canary", canary, CANARY_FIELDS, violations);
    VersionRef canaryVersion =
        versionRef(file, path + ".canary.version", canary.get("version"), violations);
    Integer weight = positive(canary.get("weight"));
    if (weight == null || weight > 99) {
      violations.add(
          new Violation(at(file, path + ".canary.weight"), "must be a percentage from 1 to 99"));
      return null;
    }
    if (version == null || canaryVersion == null) {
      return null;
    }
    return new AliasEntry(version, canaryVersion, weight);
  }

  private static VersionRef versionRef(
      String file, String path, JsonNode node, List<Violation> violations) {
    if (node != null && node.isTextual() && node.asText().equals("this")) {
      return VersionRef.THIS;
    }
    Integer number = positive(node);
    if (number == null) {
      violations.add(
          new Violation(at(file, path), "must be a version number, or \"this\" (this file's)"));
      return null;
    }
    return new VersionRef(number);
  }

  private static void unknown(
      String file, String path, JsonNode node, Set<String> known, List<Violation> violations) {
    node.fieldNames()
        .forEachRemaining(
            f -> {
              if (!known.contains(f)) {
                violations.add(new Violation(at(file, path + "." + f), "is not a known field"));
              }
            });
  }

  private static void expect(
      String file, JsonNode node, String field, String value, List<Violation> violations) {
    if (!value.equals(text(node.get(field)))) {
      violations.add(new Violation(at(file, field), "must be \"" + value + "\""));
    }
  }

  private static String text(JsonNode node) {
    return node != null && node.isTextual() ? node.asText() : null;
  }

  private static Integer positive(JsonNode node) {
    if (node == null || !node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < 1) {
      return null;
    }
    return node.asInt();
  }
}
