package dev.agentruntime.benchmarks;

import static dev.agentruntime.benchmarks.Formats.f1;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A Markdown table of CPU time per process group ({@link CpuAccount#GROUPS}), one column per kind
 * of work, each divided by the number of units it did (requests, runs); and the sum of each column.
 * Empty when nothing was accounted (a run without CPU figures).
 */
final class CpuTable {

  private final String unit;
  private final Map<String, Map<String, Double>> columns = new LinkedHashMap<>();
  private final Map<String, Integer> units = new LinkedHashMap<>();

  /**
   * @param unit what one unit is, for the header ("per admitted run")
   */
  CpuTable(String unit) {
    this.unit = unit;
  }

  CpuTable column(String name, Map<String, Double> cpuMs, int count) {
    if (!cpuMs.isEmpty()) {
      columns.put(name, cpuMs);
      units.put(name, count);
    }
    return this;
  }

  boolean isEmpty() {
    return columns.isEmpty();
  }

  double total(String column) {
    return columns.get(column).values().stream().mapToDouble(Double::doubleValue).sum()
        / units.get(column);
  }

  String markdown() {
    if (isEmpty()) {
      return "";
    }
    List<String> lines = new ArrayList<>();
    lines.add("| CPU ms " + unit + " | " + String.join(" | ", columns.keySet()) + " |");
    lines.add("|---" + "|---".repeat(columns.size()) + "|");
    for (String group : CpuAccount.GROUPS) {
      List<String> cells = new ArrayList<>();
      for (Map.Entry<String, Map<String, Double>> c : columns.entrySet()) {
        cells.add(f1(c.getValue().getOrDefault(group, 0.0) / units.get(c.getKey())));
      }
      lines.add("| " + group + " | " + String.join(" | ", cells) + " |");
    }
    List<String> totals = new ArrayList<>();
    for (String name : columns.keySet()) {
      totals.add("**" + f1(total(name)) + "**");
    }
    lines.add("| **all processes** | " + String.join(" | ", totals) + " |");
    return String.join("\n", lines);
  }

  /** The worker's busiest thread kinds, e.g. "C2 CompilerThre 88.0 ms, …", per unit. */
  static String threads(Map<String, Double> threadMs, int count, int limit) {
    List<String> parts = new ArrayList<>();
    threadMs.entrySet().stream()
        .filter(e -> e.getValue() > 0)
        .limit(limit)
        .forEach(
            e ->
                parts.add(
                    String.format(Locale.ROOT, "`%s` %s", e.getKey(), f1(e.getValue() / count))));
    return String.join(", ", parts);
  }
}
