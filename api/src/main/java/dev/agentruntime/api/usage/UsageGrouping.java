package dev.agentruntime.api.usage;

import dev.agentruntime.api.error.InvalidParameter;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What {@code GET /v1/usage} sums by: the agent's name, the model, or the UTC day. */
public enum UsageGrouping {
  AGENT,
  MODEL,
  DAY;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The grouping a {@code groupBy} value names; {@code model} when none; a 400 otherwise. */
  public static UsageGrouping of(String wireName) {
    if (wireName == null) {
      return MODEL;
    }
    return Arrays.stream(values())
        .filter(g -> g.wireName().equals(wireName))
        .findFirst()
        .orElseThrow(
            () ->
                new InvalidParameter(
                    "groupBy",
                    "one of "
                        + Arrays.stream(values())
                            .map(UsageGrouping::wireName)
                            .collect(Collectors.joining(", "))));
  }
}
