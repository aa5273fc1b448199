package dev.agentruntime.api.problem;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.PersistenceException;
import java.net.ConnectException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class DatabaseUnavailableTest {

  @Test
  void connectionFailuresAnywhereInTheCauseChainMeanUnavailable() {
    assertThat(
            DatabaseUnavailable.isCause(
                new PersistenceException(new SQLException("refused", "08001"))))
        .isTrue();
    assertThat(DatabaseUnavailable.isCause(new RuntimeException(new ConnectException()))).isTrue();
    assertThat(DatabaseUnavailable.isCause(new SQLException("terminating connection", "57P01")))
        .isTrue();
  }

  @Test
  void otherDatabaseErrorsAreNotMistakenForAnOutage() {
    assertThat(DatabaseUnavailable.isCause(new SQLException("duplicate key", "23505"))).isFalse();
    assertThat(DatabaseUnavailable.isCause(new IllegalStateException("bug"))).isFalse();
  }
}
