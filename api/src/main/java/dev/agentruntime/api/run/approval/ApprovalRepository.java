package dev.agentruntime.api.run.approval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentruntime.api.run.RunCursor;
import dev.agentruntime.api.run.tree.RunSubtree;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Approvals, read with native SQL; every method is tenant-first. Each is answered with its run's
 * agent (id and name), joined in.
 */
@ApplicationScoped
public class ApprovalRepository {

  private static final String SELECT =
      "select a.id, a.run_id, r.agent_id, g.name, a.step, a.call_index, a.tool_call_id,"
          + " a.tool_name, a.arguments, a.arguments_sha256, a.approver_roles, a.status,"
          + " a.requested_at, a.expires_at, a.decided_by, a.decided_at, a.comment"
          + " from run_approval a"
          + " join run r on r.tenant_id = a.tenant_id and r.id = a.run_id"
          + " join agent g on g.tenant_id = r.tenant_id and g.id = r.agent_id";

  private static final String OF_RUN = SELECT + " where a.tenant_id = ?1 and a.run_id = ?2";

  private final ObjectMapper json;

  public ApprovalRepository(ObjectMapper json) {
    this.json = json;
  }

  public List<ApprovalResponse> list(String tenantId, UUID runId) {
    return rows(OF_RUN + " order by a.requested_at, a.step, a.call_index", tenantId, runId);
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
            + " where a.tenant_id = ?1 and a.run_id in (select id from subtree)"
            + " order by a.requested_at, a.run_id, a.step, a.call_index",
        tenantId,
        runId);
  }

  public Optional<ApprovalResponse> find(String tenantId, UUID runId, String approvalId) {
    return rows(OF_RUN + " and a.id = ?3", tenantId, runId, approvalId).stream().findFirst();
  }

  /**
   * Up to {@code limit} approvals of the tenant's runs matching {@code query}, newest first by
   * (requested_at, id), strictly after {@code after} when it is given (keyset paging; see {@link
   * RunCursor}). The V29 indexes serve it in this order, with and without a status.
   */
  public List<ApprovalResponse> page(
      String tenantId, ApprovalListQuery query, RunCursor after, int limit) {
    List<Object> parameters = new ArrayList<>(List.of(tenantId));
    StringBuilder sql = new StringBuilder(SELECT).append(" where a.tenant_id = ?1");
    if (query.status() != null) {
      parameters.add(query.status());
      sql.append(" and a.status = ?").append(parameters.size());
    }
    if (query.agentId() != null) {
      parameters.add(query.agentId());
      sql.append(" and r.agent_id = ?").append(parameters.size());
    }
    if (after != null) {
      parameters.add(after.createdAt().atOffset(ZoneOffset.UTC));
      parameters.add(after.id().toString());
      // A row comparison, so PostgreSQL starts the index scan at the position.
      sql.append(" and (a.requested_at, a.id) < (?")
          .append(parameters.size() - 1)
          .append(", ?")
          .append(parameters.size())
          .append(")");
    }
    parameters.add(limit);
    sql.append(" order by a.requested_at desc, a.id desc limit ?").append(parameters.size());
    return rows(sql.toString(), parameters.toArray());
  }

  @SuppressWarnings("unchecked")
  private List<ApprovalResponse> rows(String sql, Object... parameters) {
    var query = Panache.getEntityManager().createNativeQuery(sql);
    for (int i = 0; i < parameters.length; i++) {
      query.setParameter(i + 1, parameters[i]);
    }
    List<Object[]> rows = query.getResultList();
    return rows.stream().map(this::response).toList();
  }

  private ApprovalResponse response(Object[] row) {
    try {
      return new ApprovalResponse(
          (String) row[0],
          (UUID) row[1],
          (UUID) row[2],
          (String) row[3],
          ((Number) row[4]).intValue(),
          ((Number) row[5]).intValue(),
          (String) row[6],
          (String) row[7],
          json.readTree((String) row[8]),
          (String) row[9],
          roles(row[10]),
          (String) row[11],
          instant(row[12]),
          instant(row[13]),
          (String) row[14],
          instant(row[15]),
          (String) row[16]);
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
