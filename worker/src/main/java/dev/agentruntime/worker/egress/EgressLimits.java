package dev.agentruntime.worker.egress;

import java.time.Duration;

/**
 * Caps of one {@link EgressClient#execute} call.
 *
 * @param maxResponseBytes body bytes kept; more is truncated and never read. Default 1 MiB.
 * @param connectTimeout per connection attempt. Default 10 s.
 * @param totalTimeout the whole call, every hop, from first lookup to the last body byte. Default
 *     30 s.
 * @param maxRedirects redirects followed, each hop checked again; 0 answers a redirect as it is,
 *     unfollowed (for URLs a spec names, which must name the service itself). Default 5.
 * @param reuseConnections whether a connection may serve a later call to the same host and the same
 *     checked addresses (model calls); otherwise none outlives its call. Default false.
 */
public record EgressLimits(
    int maxResponseBytes,
    Duration connectTimeout,
    Duration totalTimeout,
    int maxRedirects,
    boolean reuseConnections) {

  public static final EgressLimits DEFAULTS =
      new EgressLimits(1024 * 1024, Duration.ofSeconds(10), Duration.ofSeconds(30));

  public EgressLimits {
    if (maxResponseBytes < 0
        || connectTimeout.isNegative()
        || !totalTimeout.isPositive()
        || maxRedirects < 0) {
      throw new IllegalArgumentException("caps must be positive");
    }
  }

  public EgressLimits(int maxResponseBytes, Duration connectTimeout, Duration totalTimeout) {
    this(maxResponseBytes, connectTimeout, totalTimeout, 5, false);
  }

  /** These caps with another total time. */
  public EgressLimits withTotalTimeout(Duration timeout) {
    return new EgressLimits(
        maxResponseBytes, connectTimeout, timeout, maxRedirects, reuseConnections);
  }
}
