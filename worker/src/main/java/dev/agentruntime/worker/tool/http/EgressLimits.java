package dev.agentruntime.worker.tool.http;

import java.time.Duration;

/**
 * Caps of one {@link EgressClient#execute} call.
 *
 * @param maxResponseBytes body bytes kept; more is truncated and never read. Default 1 MiB.
 * @param connectTimeout per connection attempt. Default 10 s.
 * @param totalTimeout the whole call, every hop, from first lookup to the last body byte. Default
 *     30 s.
 */
public record EgressLimits(int maxResponseBytes, Duration connectTimeout, Duration totalTimeout) {
  public static final EgressLimits DEFAULTS =
      new EgressLimits(1024 * 1024, Duration.ofSeconds(10), Duration.ofSeconds(30));

  public EgressLimits {
    if (maxResponseBytes < 0 || connectTimeout.isNegative() || !totalTimeout.isPositive()) {
      throw new IllegalArgumentException("caps must be positive");
    }
  }
}
