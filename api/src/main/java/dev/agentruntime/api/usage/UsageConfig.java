package dev.agentruntime.api.usage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigDecimal;
import java.util.Map;

/**
 * The operator's price table (docs/operations.md#usage-and-prices): per {@code <provider>/<model>},
 * the price of a million input and of a million output tokens, all in one currency. A model the
 * table does not name has no price, and its cost is answered as {@code null}.
 *
 * <pre>
 * agent-runtime.usage.currency=USD
 * agent-runtime.usage.prices."openai/gpt-4o-mini".input-per-million=0.15
 * agent-runtime.usage.prices."openai/gpt-4o-mini".output-per-million=0.60
 * </pre>
 */
@ConfigMapping(prefix = "agent-runtime.usage")
public interface UsageConfig {

  /** The currency of every price, an ISO 4217 code; default {@code USD}. */
  @WithDefault("USD")
  String currency();

  /** Prices by {@code <provider>/<model>}, as usage names them; empty by default. */
  Map<String, Price> prices();

  /** The price of one model. */
  interface Price {

    /** Of a million prompt tokens, in {@link #currency()}. */
    BigDecimal inputPerMillion();

    /** Of a million answer tokens, in {@link #currency()}. */
    BigDecimal outputPerMillion();
  }
}
