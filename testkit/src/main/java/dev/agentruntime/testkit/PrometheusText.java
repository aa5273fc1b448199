package dev.agentruntime.testkit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads samples out of a {@code /q/metrics} scrape (Prometheus text or OpenMetrics), so tests
 * assert on a series by its name and labels rather than on the order in which a registry prints
 * labels.
 */
public final class PrometheusText {

  /**
   * Name, labels (quoted values may hold any character), value, an optional timestamp and an
   * optional exemplar ({@code # {trace_id="…",span_id="…"} 1.0 1796049848.722}), which the registry
   * adds once tracing is on.
   */
  private static final Pattern SAMPLE =
      Pattern.compile(
          "^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{((?:[^\"}]|\"(?:[^\"\\\\]|\\\\.)*\")*)})?"
              + "\\s+(\\S+)(?:\\s+[0-9.]+)?(?:\\s+#\\s+\\{.*}\\s+\\S+(?:\\s+\\S+)?)?$");

  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  private final String text;

  public PrometheusText(String text) {
    this.text = text;
  }

  /**
   * The sum of the samples named {@code name} whose labels include every pair of {@code labels}
   * (others may be present); 0 when there is none.
   */
  public double sum(String name, Map<String, String> labels) {
    double sum = 0;
    for (String line : text.split("\n")) {
      Matcher sample = SAMPLE.matcher(line.strip());
      if (line.startsWith("#") || !sample.matches() || !sample.group(1).equals(name)) {
        continue;
      }
      if (labels(sample.group(2)).entrySet().containsAll(labels.entrySet())) {
        sum += value(sample.group(3));
      }
    }
    return sum;
  }

  public double sum(String name) {
    return sum(name, Map.of());
  }

  /** Whether any sample is named {@code name}, whatever its value. */
  public boolean has(String name) {
    for (String line : text.split("\n")) {
      Matcher sample = SAMPLE.matcher(line.strip());
      if (!line.startsWith("#") && sample.matches() && sample.group(1).equals(name)) {
        return true;
      }
    }
    return false;
  }

  private static double value(String text) {
    return switch (text) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(text);
    };
  }

  private static Map<String, String> labels(String text) {
    Map<String, String> labels = new LinkedHashMap<>();
    if (text != null) {
      Matcher label = LABEL.matcher(text);
      while (label.find()) {
        labels.put(label.group(1), label.group(2));
      }
    }
    return labels;
  }

  @Override
  public String toString() {
    return text;
  }
}
