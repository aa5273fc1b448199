package dev.agentruntime.api.usage;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.util.Map;

/**
 * Copies the operator's {@link PriceTable} into PostgreSQL's {@code model_price} (V22) when the API
 * starts, so the trigger that counts a tenant's spend prices each step in the step's own
 * transaction with the figures {@code GET /v1/usage} shows. The table is replaced as a whole in one
 * transaction: a price removed from the configuration stops counting from then on (what was counted
 * stays). Every API replica carries the same configuration, so which one writes last does not
 * matter.
 */
@ApplicationScoped
class ModelPrices {

  private final PriceTable prices;

  ModelPrices(PriceTable prices) {
    this.prices = prices;
  }

  void onStart(@Observes StartupEvent event) {
    QuarkusTransaction.requiringNew().run(this::replace);
  }

  void replace() {
    EntityManager em = Panache.getEntityManager();
    em.createNativeQuery("delete from model_price").executeUpdate();
    for (Map.Entry<String, UsageConfig.Price> entry : prices.prices().entrySet()) {
      int slash = entry.getKey().indexOf('/');
      em.createNativeQuery(
              "insert into model_price (provider, model, input_per_million, output_per_million)"
                  + " values (?1, ?2, ?3, ?4)")
          .setParameter(1, entry.getKey().substring(0, slash))
          .setParameter(2, entry.getKey().substring(slash + 1))
          .setParameter(3, entry.getValue().inputPerMillion())
          .setParameter(4, entry.getValue().outputPerMillion())
          .executeUpdate();
    }
  }
}
