package dev.agentruntime.api.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the operator's price table accepts, and the exact costs it computes. */
class PriceTableTest {

  private static UsageConfig.Price price(String input, String output) {
    return new UsageConfig.Price() {
      @Override
      public BigDecimal inputPerMillion() {
        return new BigDecimal(input);
      }

      @Override
      public BigDecimal outputPerMillion() {
        return new BigDecimal(output);
      }
    };
  }

  @Test
  void aPricedModelCostsItsTokensExactlyAndAnUnpricedOneHasNoCost() {
    PriceTable table = new PriceTable("EUR", Map.of("openai/gpt-4o-mini", price("0.15", "0.60")));

    assertThat(table.currency()).isEqualTo("EUR");
    // 1 x 0.15 / 1e6 + 3 x 0.60 / 1e6: tiny, and not rounded away.
    assertThat(table.cost("openai", "gpt-4o-mini", 1, 3)).hasValue(new BigDecimal("0.00000195"));
    assertThat(table.cost("openai", "gpt-4o-mini", 2_000_000, 1_000_000))
        .hasValueSatisfying(c -> assertThat(c).isEqualByComparingTo("0.90"));
    assertThat(table.cost("openai", "gpt-4o", 1, 1)).isEmpty();
    assertThat(table.cost("ollama", "gpt-4o-mini", 1, 1)).isEmpty();
    assertThat(table.cost("demo", null, 1, 1)).isEmpty();
  }

  @Test
  void aBadPriceStopsTheStartNamingTheSetting() {
    assertThatThrownBy(() -> new PriceTable("USD", Map.of("openai/m", price("-1", "0"))))
        .hasMessageContaining("agent-runtime.usage.prices.\"openai/m\"")
        .hasMessageContaining("negative");
    assertThatThrownBy(() -> new PriceTable("USD", Map.of("gpt-4o", price("1", "1"))))
        .hasMessageContaining("<provider>/<model>");
    assertThatThrownBy(() -> new PriceTable("dollars", Map.of()))
        .hasMessageContaining("agent-runtime.usage.currency");
  }
}
