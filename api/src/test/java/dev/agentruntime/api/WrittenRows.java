package dev.agentruntime.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The row counts of every table, to show that a refused request wrote nothing anywhere. */
public final class WrittenRows {

  private static final List<String> TABLES =
      List.of(
          "tenant",
          "agent",
          "agent_version",
          "run",
          "run_event",
          "artifact",
          "tenant_data_key",
          "tenant_secret",
          "trigger",
          "schedule",
          "tenant_policy",
          "tenant_spend");

  private final Map<String, Long> before;

  private WrittenRows(Map<String, Long> before) {
    this.before = before;
  }

  public static WrittenRows snapshot() throws SQLException {
    return new WrittenRows(counts());
  }

  public void assertNothingWritten() throws SQLException {
    assertThat(counts()).as("row counts of every table").isEqualTo(before);
  }

  private static Map<String, Long> counts() throws SQLException {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String table : TABLES) {
      counts.put(table, TestApi.count(table));
    }
    return counts;
  }
}
