package dev.agentruntime.api.run.approval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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

  private static final String COLUMNS =
      "select id, step, call_index, tool_call_id, tool_name, arguments, arguments_sha256,"
          + " approver_roles, status, requested_at, expires_at, decided_by, decided_at, comment"
          + " from run_approval where tenant_id = ?1 and run_id = ?2";

  private final ObjectMapper json;

  public ApprovalRepository(ObjectMapper json) {
    this.json = json;
  }

  public List<ApprovalResponse> list(String tenantId, UUID runId) {
    return rows(COLUMNS + " order by requested_at, step, call_index", tenantId, runId, null);
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
          ((Number) row[1]).intValue(),
          ((Number) row[2]).intValue(),
          (String) row[3],
          (String) row[4],
          json.readTree((String) row[5]),
          (String) row[6],
          roles(row[7]),
          (String) row[8],
          instant(row[9]),
          instant(row[10]),
          (String) row[11],
          instant(row[12]),
          (String) row[13]);
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
