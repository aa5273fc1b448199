package dev.agentruntime.api.run.tree;

import dev.agentruntime.api.TestApi;
import dev.agentruntime.core.run.Admission;
import dev.agentruntime.core.run.AdmissionRequest;
import dev.agentruntime.core.run.ChildReservation;
import dev.agentruntime.core.run.RunAdmissions;
import dev.agentruntime.core.run.RunOrigin;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Child runs for the API's tests, admitted as the worker admits them (the one admission path, with
 * a parent and a reservation), and what a run spent, written as the worker writes it.
 */
public final class TestTrees {

  private TestTrees() {}

  /** Admits a child of {@code parentId} running version 1 of the tenant's agent {@code agent}. */
  public static String child(
      RunAdmissions admissions, String tenant, String parentId, String agent) {
    UUID id = UUID.randomUUID();
    Admission admission =
        admissions.admit(
            new AdmissionRequest(
                tenant,
                id,
                null,
                agent,
                1,
                "{\"message\":\"help\"}",
                null,
                "child-" + id,
                RunOrigin.PARENT,
                "run:" + parentId,
                new ChildReservation(UUID.fromString(parentId), 3, 1_000, 1)));
    if (!(admission instanceof Admission.Admitted)) {
      throw new AssertionError("the child was not admitted: " + admission);
    }
    return id.toString();
  }

  /** Sets a run's own steps and tokens, as the worker's projection does. */
  public static void spent(String runId, int steps, int tokens) throws SQLException {
    try (Connection c = TestApi.db();
        PreparedStatement s =
            c.prepareStatement("update run set steps = ?, total_tokens = ? where id = ?")) {
      s.setInt(1, steps);
      s.setInt(2, tokens);
      s.setObject(3, UUID.fromString(runId));
      s.executeUpdate();
    }
  }
}
