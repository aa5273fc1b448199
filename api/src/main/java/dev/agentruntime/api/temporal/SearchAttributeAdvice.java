package dev.agentruntime.api.temporal;

import io.temporal.api.enums.v1.IndexedValueType;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The one warning an operator reads when the namespace lacks the run search attributes and the API
 * may not create them: what is missing, what happens meanwhile, and the commands that create them
 * (the Temporal CLI for a self-hosted server, tcld for Temporal Cloud), ready to paste.
 */
final class SearchAttributeAdvice {

  private SearchAttributeAdvice() {}

  /**
   * @param missing the attributes to create, with the type each must have
   * @param wrongType attributes the namespace has with another type, with the type they have
   * @param refusal why the API could not create them, for example {@code PERMISSION_DENIED: Request
   *     unauthorized.}
   */
  static String warning(
      String namespace,
      Map<String, IndexedValueType> missing,
      Map<String, IndexedValueType> wrongType,
      Map<String, IndexedValueType> wanted,
      String refusal,
      Duration recheck) {
    StringBuilder text = new StringBuilder();
    text.append("Temporal namespace '")
        .append(namespace)
        .append("' lacks the run search attributes");
    if (!missing.isEmpty()) {
      text.append(' ').append(describe(missing));
    }
    wrongType.forEach(
        (name, type) ->
            text.append("; ")
                .append(name)
                .append(" exists as ")
                .append(cliType(type))
                .append(" but must be ")
                .append(cliType(wanted.get(name))));
    text.append(", and the API could not create them (")
        .append(refusal)
        .append("). Runs start without them (each records a run.search_attributes.missing event")
        .append(" and counts in agent_runtime_runs_started_without_search_attributes_total),")
        .append(" so Temporal's UI cannot filter them by tenant or agent.");
    Map<String, IndexedValueType> create = new LinkedHashMap<>(missing);
    wrongType.keySet().forEach(name -> create.put(name, wanted.get(name)));
    if (!wrongType.isEmpty()) {
      text.append(" First remove the ones of the wrong type: temporal operator search-attribute")
          .append(" remove --namespace ")
          .append(namespace);
      wrongType.keySet().forEach(name -> text.append(" --name ").append(name));
      text.append('.');
    }
    text.append(" Create them with the Temporal CLI:");
    byType(create)
        .forEach(
            (type, names) -> {
              text.append("\n  temporal operator search-attribute create --namespace ")
                  .append(namespace);
              names.forEach(name -> text.append(" --name ").append(name));
              text.append(" --type ").append(cliType(type));
            });
    text.append("\nor on Temporal Cloud:\n  tcld namespace search-attributes add --namespace ")
        .append(namespace);
    create.forEach(
        (name, type) ->
            text.append(" --search-attribute ").append(name).append('=').append(cliType(type)));
    text.append("\nThe API checks again every ")
        .append(human(recheck))
        .append(" and starts new runs with them once they exist; no restart is needed.");
    return text.toString();
  }

  /** {@code 1m}, {@code 30s}, as the configuration spells a duration. */
  static String human(Duration duration) {
    return duration.toString().substring(2).toLowerCase();
  }

  /** {@code AgentRuntimeTenant (Keyword), AgentRuntimeAgentVersion (Int)}. */
  static String describe(Map<String, IndexedValueType> attributes) {
    return attributes.entrySet().stream()
        .map(entry -> entry.getKey() + " (" + cliType(entry.getValue()) + ")")
        .collect(Collectors.joining(", "));
  }

  /** The type as the Temporal CLI and tcld spell it. */
  static String cliType(IndexedValueType type) {
    return switch (type) {
      case INDEXED_VALUE_TYPE_TEXT -> "Text";
      case INDEXED_VALUE_TYPE_KEYWORD -> "Keyword";
      case INDEXED_VALUE_TYPE_INT -> "Int";
      case INDEXED_VALUE_TYPE_DOUBLE -> "Double";
      case INDEXED_VALUE_TYPE_BOOL -> "Bool";
      case INDEXED_VALUE_TYPE_DATETIME -> "Datetime";
      case INDEXED_VALUE_TYPE_KEYWORD_LIST -> "KeywordList";
      default -> type.name();
    };
  }

  private static Map<IndexedValueType, List<String>> byType(Map<String, IndexedValueType> create) {
    return create.entrySet().stream()
        .collect(
            Collectors.groupingBy(
                Map.Entry::getValue,
                LinkedHashMap::new,
                Collectors.mapping(Map.Entry::getKey, Collectors.toList())));
  }
}
