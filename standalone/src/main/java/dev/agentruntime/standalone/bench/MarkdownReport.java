package dev.agentruntime.standalone.bench;

import java.util.Locale;

/**
 * What the benchmark reports share: a markdown buffer, table rows, and numbers formatted the same
 * way on every machine (dot decimals, whatever the default locale).
 */
abstract class MarkdownReport {

  protected final StringBuilder md = new StringBuilder();

  protected void row(String key, String value) {
    line("| " + key + " | " + value + " |");
  }

  protected void line() {
    md.append('\n');
  }

  protected void line(String text) {
    md.append(text).append('\n');
  }

  protected void line(String format, Object... args) {
    md.append(String.format(Locale.ROOT, format, args)).append('\n');
  }

  protected static String f1(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  protected static String f2(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }
}
