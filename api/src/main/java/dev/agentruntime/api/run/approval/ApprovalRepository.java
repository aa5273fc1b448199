package dev.agentruntime.api.run.approval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentruntime.api.run.tree.RunSubtree;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A run's approvals, read with native SQL; every method is tenant-first. */
@ApplicationScoped
public class ApprovalRepository {

  private static final String SELECT =
      "select id, run_id, step, call_index, tool_call_id, tool_name, arguments, arguments_sha256,"
          + " approver_roles, status, requested_at, expires_at, decided_by, decided_at, comment";

  private static final String COLUMNS =
      SELECT + " from run_approval where tenant_id = ?1 and run_id = ?2";

  private final ObjectMapper json;

  public ApprovalRepository(ObjectMapper json) {
    this.json = json;
  }

  public List<ApprovalResponse> list(String tenantId, UUID runId) {
    return rows(COLUMNS + " order by requested_at, step, call_index", tenantId, runId, null);
  }

  /**
   * The approvals of the run and of every run below it in its tree, oldest first.
   *
   * @param root whether the run is a root ({@link RunSubtree})
   */
  public List<ApprovalResponse> listTree(String tenantId, UUID runId, boolean root) {
    return rows(
        RunSubtree.cte(root)
            + " "
            + SELECT
            + " from run_approval where tenant_id = ?1 and run_id in (select id from subtree)"
            + " order by requested_at, run_id, step, call_index",
        tenantId,
        runId,
        null);
  }

  public Optional<ApprovalResponse> find(String tenantId, UUID runId, String approvalId) {
    return rows(COLUMNS + " and id = ?3", tenantId, runId, approvalId).stream().findFirst();
  }

  @SuppressWarnings("unchecked")
  private List<ApprovalResponse> rows(String sql, String tenantId, UUID runId, String id) {
    var query =
        Panache.getEntityManager()
            .createNativeQuery(sql)
            .setParameter(1, tenantId)
            .setParameter(2, runId);
    if (id != null) {
      query.setParameter(3, id);
    }
    List<Object[]> rows = query.getResultList();
    return rows.stream().map(this::response).toList();
  }

  private ApprovalResponse response(Object[] row) {
    try {
      return new ApprovalResponse(
          (String) row[0],
          (UUID) row[1],
          ((Number) row[2]).intValue(),
          ((Number) row[3]).intValue(),
          (String) row[4],
          (String) row[5],
          json.readTree((String) row[6]),
          (String) row[7],
          roles(row[8]),
          (String) row[9],
          instant(row[10]),
          instant(row[11]),
          (String) row[12],
          instant(row[13]),
          (String) row[14]);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored approval arguments are not JSON", e);
    }
  }

  private static List<String> roles(Object value) {
    if (value instanceof String[] array) {
      return List.of(array);
    }
    if (value instanceof Object[] array) {
      return Arrays.stream(array).map(String::valueOf).toList();
    }
    throw new IllegalStateException("approver_roles is not an array: " + value);
  }

  private static Instant instant(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Instant instant) {
      return instant;
    }
    if (value instanceof Timestamp timestamp) {
      return timestamp.toInstant();
    }
    if (value instanceof java.time.OffsetDateTime offset) {
      return offset.toInstant();
    }
    throw new IllegalStateException("not a timestamp: " + value.getClass());
  }
}
