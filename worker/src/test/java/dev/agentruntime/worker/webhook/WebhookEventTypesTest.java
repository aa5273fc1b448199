package dev.agentruntime.worker.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentruntime.core.run.RunEventTypes;
import dev.agentruntime.core.webhook.WebhookEventTypes;
import dev.agentruntime.worker.TestInfrastructure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The fan-out in PostgreSQL (V14) and core's {@link WebhookEventTypes} name the same types. */
class WebhookEventTypesTest {

  private final TestInfrastructure infra = TestInfrastructure.get();

  @Test
  void everyRunEventMapsToTheSameWebhookTypeInSqlAndInCore() throws SQLException {
    for (String type : RunEventTypes.ALL) {
      assertThat(Optional.ofNullable(query("select webhook_event_type_of(?)", type)))
          .as(type)
          .isEqualTo(WebhookEventTypes.of(type));
    }
  }

  @Test
  void theDomainTakesEveryWebhookTypeAndNothingElse() throws SQLException {
    for (String type : WebhookEventTypes.ALL) {
      assertThat(query("select ?::webhook_event_type", type)).isEqualTo(type);
    }
    assertThatThrownBy(() -> query("select ?::webhook_event_type", RunEventTypes.RUN_STARTED))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("webhook_event_type");
  }

  private String query(String sql, String value) throws SQLException {
    try (Connection c = infra.dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, value);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }
}
