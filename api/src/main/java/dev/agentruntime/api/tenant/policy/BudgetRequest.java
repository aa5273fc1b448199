package dev.agentruntime.api.tenant.policy;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One budget of a tenant policy (docs/operations.md#tenant-budgets): a hard limit per UTC period
 * and a soft threshold, a percentage of it. A token budget's limit is a whole number of tokens; a
 * cost budget's is in the price table's currency, to the millionth.
 */
@Schema(example = "{\"period\": \"day\", \"limit\": 2000000, \"softThresholdPercent\": 80}")
public record BudgetRequest(
    @NotNull
        @Pattern(regexp = "^(day|month)$")
        @Schema(
            enumeration = {"day", "month"},
            description = "A UTC day or a UTC month")
        String period,
    @NotNull
        @DecimalMin(value = "0", inclusive = false)
        @Digits(integer = 14, fraction = 6)
        @Schema(description = "Spend at which new runs are refused and running ones stop")
        BigDecimal limit,
    @Min(1)
        @Max(100)
        @Schema(
            nullable = true,
            description =
                "Percent of the limit at which one soft event is recorded; absent or null: 80")
        Integer softThresholdPercent) {

  /** The soft threshold's percentage when the request leaves it out. */
  static final int DEFAULT_SOFT_PERCENT = 80;

  int softPercentOrDefault() {
    return softThresholdPercent == null ? DEFAULT_SOFT_PERCENT : softThresholdPercent;
  }
}
