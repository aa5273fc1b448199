package dev.agentruntime.worker.tool.mcp;

import java.time.Duration;

/**
 * Caps of MCP use.
 *
 * @param connectTimeout per connection attempt. Default 10 s.
 * @param callTimeout how long one request (initialize, a page of tools/list, tools/call) waits for
 *     its answer. Default 60 s, inside the default attempt timeout of 120 s.
 * @param maxResultChars the text the model reads of one tool result; more is cut, and the text says
 *     so. Default 100,000 characters.
 */
public record McpLimits(Duration connectTimeout, Duration callTimeout, int maxResultChars) {

  public static final McpLimits DEFAULTS =
      new McpLimits(Duration.ofSeconds(10), Duration.ofSeconds(60), 100_000);

  public McpLimits {
    if (!connectTimeout.isPositive() || !callTimeout.isPositive() || maxResultChars < 1) {
      throw new IllegalArgumentException("caps must be positive");
    }
  }
}
