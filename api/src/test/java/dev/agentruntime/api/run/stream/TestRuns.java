package dev.agentruntime.api.run.stream;

import static dev.agentruntime.api.TestApi.as;
import static dev.agentruntime.api.TestApi.tenantToken;

import dev.agentruntime.api.TestApi;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.UUID;

/** Runs for the stream tests, and events appended to them as the worker appends them. */
final class TestRuns {

  private TestRuns() {}

  /** A fresh run of a fresh tenant; its timeline holds {@code run.queued} (seq 1). */
  record Run(String tenant, String id) {
    String token() {
      return tenantToken(tenant);
    }

    String events() {
      return "/v1/runs/" + id + "/events";
    }
  }

  static Run newRun() {
    String tenant = TestApi.newTenant();
    TestApi.agentWithVersion(tenant, "streamed");
    String id =
        as(tenantToken(tenant))
            .body(Map.of("agentName", "streamed", "input", Map.of("message", "hi")))
            .post("/v1/runs")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    return new Run(tenant, id);
  }

  /** Appends as the worker does, and returns the seq the database gave the event. */
  static int append(Run run, String type) throws Exception {
    try (Connection c = TestApi.db();
        PreparedStatement s =
            c.prepareStatement("select append_run_event(?, ?, ?, ?, cast(? as jsonb))")) {
      s.setString(1, run.tenant());
      s.setObject(2, UUID.fromString(run.id()));
      s.setString(3, "test/" + UUID.randomUUID());
      s.setString(4, type);
      s.setString(5, "{\"by\": \"test\"}");
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }
}
