package dev.agentruntime.api.usage;

import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Accepted model calls and their tokens, and what they cost. */
public record UsageTotals(
    @Schema(description = "Model calls, each counted once however often its step was retried")
        long calls,
    long inputTokens,
    long outputTokens,
    @Schema(
            nullable = true,
            description =
                "In `currency`; null when the price table has no price for a model among these"
                    + " calls (never an estimate)")
        BigDecimal cost) {

  static final UsageTotals NONE = new UsageTotals(0, 0, 0, BigDecimal.ZERO);

  /** These and {@code more}; the cost is unknown when either's is. */
  UsageTotals plus(UsageTotals more) {
    return new UsageTotals(
        calls + more.calls,
        inputTokens + more.inputTokens,
        outputTokens + more.outputTokens,
        cost == null || more.cost == null ? null : cost.add(more.cost));
  }
}
