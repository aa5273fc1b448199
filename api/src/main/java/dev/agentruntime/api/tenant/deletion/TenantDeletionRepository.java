package dev.agentruntime.api.tenant.deletion;

import static dev.agentruntime.api.db.SqlTimestamps.instant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Tenant deletions (V23): receipts, their lease, and the erasure of a tenant's rows. Each method
 * runs in its caller's transaction.
 */
@ApplicationScoped
public class TenantDeletionRepository {

  /**
   * The tenant's rows, in an order the foreign keys allow: what points at a row goes before it.
   * Every table with a tenant_id must be here; {@link #leftovers} finds one that is not.
   */
  static final List<String> TABLES =
      List.of(
          "webhook_delivery",
          "webhook",
          "schedule_event",
          "run_approval",
          "artifact",
          "run_event",
          "model_usage",
          "mcp_tool_pin",
          "run",
          "trigger",
          "schedule",
          "agent_alias_change",
          "agent_alias",
          "agent_version",
          "agent",
          "tenant_secret",
          "tenant_data_key",
          "tenant_spend",
          "tenant_policy");

  private final ObjectMapper json;

  TenantDeletionRepository(ObjectMapper json) {
    this.json = json;
  }

  /** Records the deletion unless the tenant's is recorded already (a concurrent request). */
  void insert(UUID id, String tenantId, String actor) {
    em().createNativeQuery(
            "insert into tenant_deletion (id, tenant_id, requested_by) values (?1, ?2, ?3)"
                + " on conflict (tenant_id) do nothing")
        .setParameter(1, id)
        .setParameter(2, tenantId)
        .setParameter(3, actor)
        .executeUpdate();
  }

  Optional<TenantDeletionResponse> find(UUID id) {
    return one("id = ?1", id);
  }

  /** The deletion of the tenant with this id, whenever it was: the id's tombstone. */
  public Optional<TenantDeletionResponse> findByTenant(String tenantId) {
    return one("tenant_id = ?1", tenantId);
  }

  private Optional<TenantDeletionResponse> one(String where, Object key) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em().createNativeQuery(
                "select id, tenant_id, requested_at, requested_by, finished_at, deleted::text"
                    + " from tenant_deletion where "
                    + where)
            .setParameter(1, key)
            .getResultList();
    return rows.stream().findFirst().map(this::response);
  }

  private TenantDeletionResponse response(Object[] row) {
    return new TenantDeletionResponse(
        (UUID) row[0],
        (String) row[1],
        row[4] == null ? "deleting" : "deleted",
        instant(row[2]),
        (String) row[3],
        row[4] == null ? null : instant(row[4]),
        counts((String) row[5]));
  }

  private Map<String, Long> counts(String text) {
    try {
      return json.readValue(text, new TypeReference<LinkedHashMap<String, Long>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("tenant_deletion.deleted is not a map of counts", e);
    }
  }

  /**
   * Leases the oldest unfinished deletion no other replica holds, for {@code lease}: a replica that
   * dies mid-way leaves it to another once the lease ends.
   */
  Optional<LeasedDeletion> leaseNext(Duration lease) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em().createNativeQuery(
                "select id, tenant_id from tenant_deletion where finished_at is null"
                    + " and (leased_until is null or leased_until < now())"
                    + " order by requested_at limit 1 for update skip locked")
            .getResultList();
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    UUID id = (UUID) rows.get(0)[0];
    em().createNativeQuery(
            "update tenant_deletion set leased_until = now() + make_interval(secs => ?2)"
                + " where id = ?1")
        .setParameter(1, id)
        .setParameter(2, (double) lease.toSeconds())
        .executeUpdate();
    return Optional.of(new LeasedDeletion(id, (String) rows.get(0)[1]));
  }

  /** A deletion this replica holds the lease of. */
  record LeasedDeletion(UUID id, String tenantId) {}

  /** Adds {@code counts} to the receipt's. */
  void addCounts(UUID id, Map<String, Long> counts) {
    for (Map.Entry<String, Long> count : counts.entrySet()) {
      em().createNativeQuery(
              "update tenant_deletion set deleted = jsonb_set(deleted, array[?2],"
                  + " to_jsonb(coalesce((deleted ->> ?2)::bigint, 0) + ?3)) where id = ?1")
          .setParameter(1, id)
          .setParameter(2, count.getKey())
          .setParameter(3, count.getValue())
          .executeUpdate();
    }
  }

  /** The workflow ids of the tenant's runs. */
  List<String> workflowIds(String tenantId) {
    @SuppressWarnings("unchecked")
    List<String> ids =
        em().createNativeQuery("select workflow_id from run where tenant_id = ?1")
            .setParameter(1, tenantId)
            .getResultList();
    return ids;
  }

  /** The ids of the tenant's schedules, deleted ones not yet removed included. */
  List<UUID> scheduleIds(String tenantId) {
    @SuppressWarnings("unchecked")
    List<UUID> ids =
        em().createNativeQuery("select id from schedule where tenant_id = ?1")
            .setParameter(1, tenantId)
            .getResultList();
    return ids;
  }

  /**
   * Deletes every row of the tenant, the tenant's own last.
   *
   * @return rows deleted per table
   */
  Map<String, Long> eraseRows(String tenantId) {
    Map<String, Long> deleted = new LinkedHashMap<>();
    for (String table : TABLES) {
      deleted.put(
          table,
          (long)
              em().createNativeQuery("delete from " + table + " where tenant_id = ?1")
                  .setParameter(1, tenantId)
                  .executeUpdate());
    }
    List<String> left = leftovers(tenantId);
    if (!left.isEmpty()) {
      // A table added without its place in TABLES: stop rather than call the tenant deleted.
      throw new IllegalStateException("rows of the tenant are left in " + left);
    }
    deleted.put(
        "tenant",
        (long)
            em().createNativeQuery("delete from tenant where id = ?1")
                .setParameter(1, tenantId)
                .executeUpdate());
    return deleted;
  }

  /** The tables (of the current schema, with a tenant_id) that still hold rows of the tenant. */
  List<String> leftovers(String tenantId) {
    @SuppressWarnings("unchecked")
    List<String> tables =
        em().createNativeQuery(
                "select c.table_name::text from information_schema.columns c"
                    + " join information_schema.tables t on t.table_schema = c.table_schema"
                    + " and t.table_name = c.table_name and t.table_type = 'BASE TABLE'"
                    + " where c.table_schema = current_schema() and c.column_name = 'tenant_id'"
                    + " and c.table_name <> 'tenant_deletion' order by c.table_name")
            .getResultList();
    return tables.stream()
        .filter(
            table ->
                ((Number)
                            em().createNativeQuery(
                                    "select count(*) from \"" + table + "\" where tenant_id = ?1")
                                .setParameter(1, tenantId)
                                .getSingleResult())
                        .longValue()
                    > 0)
        .toList();
  }

  void finish(UUID id) {
    em().createNativeQuery(
            "update tenant_deletion set finished_at = now(), leased_until = null where id = ?1")
        .setParameter(1, id)
        .executeUpdate();
  }

  private static EntityManager em() {
    return Panache.getEntityManager();
  }
}
