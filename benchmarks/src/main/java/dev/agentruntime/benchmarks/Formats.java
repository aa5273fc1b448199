package dev.agentruntime.benchmarks;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Numbers as the reports print them: dot decimals on every machine, whatever the locale. */
final class Formats {

  private Formats() {}

  /** No decimals, thousands grouped: {@code 5,172}. */
  static String grouped(double v) {
    return String.format(Locale.ROOT, "%,.0f", v);
  }

  static String f0(double v) {
    return String.format(Locale.ROOT, "%.0f", v);
  }

  static String f1(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  static String f2(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  /** Whether a target was met, a miss in bold. */
  static String met(boolean met) {
    return met ? "yes" : "**no**";
  }

  /** Ratio of the means. */
  static double ratio(Stats a, Stats b) {
    return a.meanMs() / b.meanMs();
  }

  /** UTC, to the second: {@code 2026-11-30T08:59:41}. */
  static String utc(Instant instant) {
    return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
        instant.atOffset(ZoneOffset.UTC).withNano(0));
  }
}
