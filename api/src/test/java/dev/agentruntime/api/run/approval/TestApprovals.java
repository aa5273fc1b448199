package dev.agentruntime.api.run.approval;

import static dev.agentruntime.api.TestApi.as;

import dev.agentruntime.api.TestApi;
import dev.agentruntime.core.json.CanonicalJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Runs for the approval tests, and approvals written as the worker writes them. */
final class TestApprovals {

  static final String ARGUMENTS = "{\"content\":\"hi\",\"name\":\"notes.txt\"}";
  static final String SHA = CanonicalJson.sha256Hex(ARGUMENTS);

  private TestApprovals() {}

  /** A run of a fresh tenant, started with the tenant admin's token ({@link #starter}). */
  record Run(String tenant, String id) {
    /** The token that started the run: its subject is the run's {@code createdBy}. */
    String starter() {
      return TestApi.tenantToken(tenant);
    }
  }

  static Run newRun() {
    String tenant = TestApi.newTenant();
    TestApi.agentWithVersion(tenant, "gated");
    return runOf(tenant, "gated");
  }

  /** Another run in the tenant, of its agent {@code agentName} (which has a version). */
  static Run runOf(String tenant, String agentName) {
    String id =
        as(TestApi.tenantToken(tenant))
            .body(Map.of("agentName", agentName, "input", Map.of("message", "hi")))
            .post("/v1/runs")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    return new Run(tenant, id);
  }

  /** Writes an approval of the run in {@code status}; a decided one was decided by carol. */
  static String approval(Run run, String status, Instant expiresAt) throws SQLException {
    return approval(run, status, expiresAt, null);
  }

  /**
   * {@link #approval(Run, String, Instant)}, requested at {@code requestedAt} (null: the database's
   * now).
   */
  static String approval(Run run, String status, Instant expiresAt, Instant requestedAt)
      throws SQLException {
    String id = UUID.randomUUID().toString();
    try (Connection c = TestApi.db();
        PreparedStatement s =
            c.prepareStatement(
                "insert into run_approval (id, tenant_id, run_id, step, call_index, tool_call_id,"
                    + " tool_name, arguments, arguments_sha256, approver_roles, status,"
                    + " expires_at, decided_by, decided_at, requested_at) values (?, ?, ?, 1,"
                    + " (select count(*) from run_approval where run_id = ?), 'call_1',"
                    + " 'write_artifact', ?, ?, array['approver','agent-admin'], ?, ?, ?, ?,"
                    + " coalesce(?::timestamptz, now()))")) {
      boolean decided = !status.equals("pending");
      s.setString(1, id);
      s.setString(2, run.tenant());
      s.setObject(3, UUID.fromString(run.id()));
      s.setObject(4, UUID.fromString(run.id()));
      s.setString(5, ARGUMENTS);
      s.setString(6, SHA);
      s.setString(7, status);
      s.setTimestamp(8, Timestamp.from(expiresAt));
      s.setString(9, decided ? "carol" : null);
      s.setTimestamp(10, decided ? Timestamp.from(Instant.now()) : null);
      s.setTimestamp(11, requestedAt == null ? null : Timestamp.from(requestedAt));
      s.executeUpdate();
    }
    return id;
  }

  static Instant later() {
    return Instant.now().plus(Duration.ofHours(1));
  }
}
