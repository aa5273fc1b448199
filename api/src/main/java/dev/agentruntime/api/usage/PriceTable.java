package dev.agentruntime.api.usage;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Turns tokens into cost with the operator's {@link UsageConfig}. Checked at start-up, so a bad
 * price (negative, a key that is not {@code <provider>/<model>}, a currency that is not a code)
 * stops the API instead of answering wrong figures. Costs are exact decimals: tokens times the
 * price per million, moved six places, never rounded.
 */
@Startup
@ApplicationScoped
public class PriceTable {

  private static final Logger LOG = Logger.getLogger(PriceTable.class);
  private static final Pattern CURRENCY = Pattern.compile("^[A-Z]{3}$");
  private static final Pattern KEY = Pattern.compile("^[a-z][a-z0-9-]*/\\S{1,200}$");

  private final String currency;
  private final Map<String, UsageConfig.Price> prices;

  @Inject
  public PriceTable(UsageConfig config) {
    this(config.currency(), config.prices());
  }

  PriceTable(String currency, Map<String, UsageConfig.Price> prices) {
    if (!CURRENCY.matcher(currency).matches()) {
      throw new IllegalArgumentException(
          "agent-runtime.usage.currency must be an ISO 4217 code such as USD, not '"
              + currency
              + "'");
    }
    prices.forEach(PriceTable::check);
    this.currency = currency;
    this.prices = Map.copyOf(prices);
    LOG.infof("usage: prices in %s for %s", currency, new TreeMap<>(prices).keySet().toString());
  }

  public String currency() {
    return currency;
  }

  /** Every price, by {@code <provider>/<model>}. */
  Map<String, UsageConfig.Price> prices() {
    return prices;
  }

  /**
   * The cost of a model's tokens; empty when the table has no price for it (or the usage names no
   * model), since a cost the operator did not price is unknown, not zero.
   */
  public Optional<BigDecimal> cost(String provider, String model, long input, long output) {
    if (model == null) {
      return Optional.empty();
    }
    UsageConfig.Price price = prices.get(provider + "/" + model);
    if (price == null) {
      return Optional.empty();
    }
    return Optional.of(
        perMillion(input, price.inputPerMillion())
            .add(perMillion(output, price.outputPerMillion())));
  }

  private static BigDecimal perMillion(long tokens, BigDecimal price) {
    return BigDecimal.valueOf(tokens).multiply(price).movePointLeft(6);
  }

  private static void check(String key, UsageConfig.Price price) {
    String setting = "agent-runtime.usage.prices.\"" + key + "\"";
    if (!KEY.matcher(key).matches()) {
      throw new IllegalArgumentException(
          setting + ": the key must be <provider>/<model>, for example openai/gpt-4o-mini");
    }
    if (price.inputPerMillion().signum() < 0 || price.outputPerMillion().signum() < 0) {
      throw new IllegalArgumentException(setting + ": a price must not be negative");
    }
  }
}
