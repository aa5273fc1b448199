package dev.agentruntime.worker.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentruntime.core.run.Admission;
import dev.agentruntime.core.run.AdmissionRequest;
import dev.agentruntime.core.run.ChildReservation;
import dev.agentruntime.core.run.RunAdmissions;
import dev.agentruntime.core.run.RunEventKeys;
import dev.agentruntime.core.run.RunEventTypes;
import dev.agentruntime.core.run.RunOrigin;
import dev.agentruntime.core.run.ScheduledFire;
import dev.agentruntime.core.run.event.RunEventJson;
import dev.agentruntime.core.run.event.RunQueued;
import dev.agentruntime.core.spec.AgentSpecJson;
import dev.agentruntime.core.workflow.RunWorkflowInput;
import dev.agentruntime.core.workflow.RunWorkflows;
import dev.agentruntime.worker.RunHarness;
import dev.agentruntime.worker.TestInfrastructure;
import dev.agentruntime.worker.TestSpecs;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The contract of the one admission path ({@code admit_run} behind {@link RunAdmissions}), on the
 * real schema: what every origin of a run (the API, a parent run, a schedule, a trigger, a fork)
 * relies on. The API's own tests cover the HTTP answers built on it.
 */
class RunAdmissionsTest {

  private final TestInfrastructure infra = TestInfrastructure.get();
  private final RunAdmissions admissions = new RunAdmissions(infra.dataSource);

  @Test
  void anAdmittedRunIsQueuedWithItsWorkflowIdOriginAuthorAndFirstEvent() throws Exception {
    RunWorkflowInput seeded = infra.seedRun(TestSpecs.demo(), "{}");
    UUID runId = UUID.randomUUID();

    Admission admission =
        admissions.admit(
            withOrigin(
                request(seeded.tenantId(), runId, null, seeded.agentName(), null, null, "h"),
                RunOrigin.SCHEDULE));

    assertThat(admission).isInstanceOf(Admission.Admitted.class);
    Admission.Admitted admitted = (Admission.Admitted) admission;
    assertThat(admitted.run().runId()).isEqualTo(runId);
    assertThat(admitted.run().agentVersionId()).isEqualTo(seeded.agentVersionId());
    assertThat(admitted.run().workflowId())
        .isEqualTo(RunWorkflows.workflowId(seeded.tenantId(), seeded.agentName(), 1, runId));
    assertThat(column(seeded.tenantId(), runId, "status")).isEqualTo("queued");
    assertThat(column(seeded.tenantId(), runId, "origin")).isEqualTo("schedule");
    assertThat(column(seeded.tenantId(), runId, "created_by")).isEqualTo("someone");
    assertThat(column(seeded.tenantId(), runId, "input::text")).isEqualTo("{\"q\": 1}");
    assertThat(infra.events(admitted.run().workflowInput()))
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.seq()).isEqualTo(1);
              assertThat(event.type()).isEqualTo(RunEventTypes.RUN_QUEUED);
              assertThat(event.key()).isEqualTo(RunEventKeys.QUEUED);
              assertThat(event.payload())
                  .isEqualTo("{\"agentName\": \"summarizer\", \"agentVersion\": 1}");
              // The database writes it, and it is exactly what the one serializer reads.
              assertThat(RunEventJson.read(RunQueued.class, event.payload()))
                  .isEqualTo(new RunQueued("summarizer", 1));
            });
  }

  @Test
  void theLatestVersionIsPinnedUnlessOneIsNamed() throws Exception {
    RunWorkflowInput seeded = infra.seedRun(TestSpecs.demo(), "{}");
    UUID second = publishVersion(seeded, 2);

    Admission latest =
        admissions.admit(
            request(seeded.tenantId(), UUID.randomUUID(), seeded.agentId(), null, null, null, "h"));
    Admission first =
        admissions.admit(
            request(seeded.tenantId(), UUID.randomUUID(), seeded.agentId(), null, 1, null, "h"));

    assertThat(((Admission.Admitted) latest).run().agentVersionId()).isEqualTo(second);
    assertThat(((Admission.Admitted) latest).run().agentVersion()).isEqualTo(2);
    assertThat(((Admission.Admitted) first).run().agentVersionId())
        .isEqualTo(seeded.agentVersionId());
  }

  @Test
  void anotherTenantsAgentOrAMissingVersionIsNotFoundAndWritesNothing() throws Exception {
    RunWorkflowInput mine = infra.seedRun(TestSpecs.demo(), "{}");
    RunWorkflowInput theirs = infra.seedRun(TestSpecs.demo(), "{}");
    UUID byId = UUID.randomUUID();
    UUID byName = UUID.randomUUID();
    UUID noVersion = UUID.randomUUID();

    assertThat(
            admissions.admit(
                request(mine.tenantId(), byId, theirs.agentId(), null, null, null, "h")))
        .isInstanceOf(Admission.NotFound.class);
    assertThat(admissions.admit(request(mine.tenantId(), byName, null, "nobody", null, null, "h")))
        .isInstanceOf(Admission.NotFound.class);
    assertThat(
            admissions.admit(
                request(mine.tenantId(), noVersion, mine.agentId(), null, 9, null, "h")))
        .isInstanceOf(Admission.NotFound.class);

    assertThat(runsWithIds(byId, byName, noVersion)).isZero();
  }

  @Test
  void aSuspendedTenantAdmitsNoRunOfAnyOriginButAnswersARepeatedRequest() throws Exception {
    RunWorkflowInput root = infra.seedRun(TestSpecs.demo(), "{}");
    UUID keyed = UUID.randomUUID();
    assertThat(
            admissions.admit(request(root.tenantId(), keyed, null, "summarizer", null, "k", "h")))
        .isInstanceOf(Admission.Admitted.class);
    infra.execute(
        "update tenant set suspended_at = now(), suspended_by = 'ops' where id = ?",
        root.tenantId());
    UUID fresh = UUID.randomUUID();
    UUID child = UUID.randomUUID();

    assertThat(
            admissions.admit(request(root.tenantId(), fresh, null, "summarizer", null, null, "h")))
        .isInstanceOf(Admission.TenantSuspended.class);
    assertThat(admissions.admit(childOf(root.tenantId(), root.runId(), child)))
        .isInstanceOf(Admission.TenantSuspended.class);
    assertThat(
            admissions.admit(
                request(root.tenantId(), UUID.randomUUID(), null, "summarizer", null, "k", "h")))
        .isInstanceOfSatisfying(
            Admission.Replayed.class,
            replayed -> assertThat(replayed.run().runId()).isEqualTo(keyed));
    assertThat(runsWithIds(fresh, child)).isZero();

    infra.execute(
        "update tenant set suspended_at = null, suspended_by = null where id = ?", root.tenantId());
    assertThat(
            admissions.admit(request(root.tenantId(), fresh, null, "summarizer", null, null, "h")))
        .isInstanceOf(Admission.Admitted.class);
  }

  @Test
  void aKeyAnswersItsFirstRunForTheSameRequestAndRefusesAnother() throws Exception {
    RunWorkflowInput seeded = infra.seedRun(TestSpecs.demo(), "{}");
    String tenant = seeded.tenantId();
    UUID first = UUID.randomUUID();
    UUID again = UUID.randomUUID();
    UUID other = UUID.randomUUID();

    admissions.admit(request(tenant, first, seeded.agentId(), null, null, "k-1", "same"));
    Admission replay =
        admissions.admit(request(tenant, again, seeded.agentId(), null, null, "k-1", "same"));
    Admission reused =
        admissions.admit(request(tenant, other, seeded.agentId(), null, null, "k-1", "changed"));

    assertThat(replay).isInstanceOf(Admission.Replayed.class);
    assertThat(((Admission.Replayed) replay).run().runId()).isEqualTo(first);
    assertThat(((Admission.Replayed) replay).dispatched()).isFalse();
    assertThat(reused).isInstanceOf(Admission.KeyReused.class);
    assertThat(runsWithIds(again, other)).isZero();
    // The key is the tenant's own: another tenant's same key admits its own run.
    RunWorkflowInput elsewhere = infra.seedRun(TestSpecs.demo(), "{}");
    assertThat(
            admissions.admit(
                request(
                    elsewhere.tenantId(),
                    UUID.randomUUID(),
                    elsewhere.agentId(),
                    null,
                    null,
                    "k-1",
                    "changed")))
        .isInstanceOf(Admission.Admitted.class);
  }

  @Test
  void concurrentAdmissionsWithOneKeyCreateOneRun() throws Exception {
    RunWorkflowInput seeded = infra.seedRun(TestSpecs.demo(), "{}");
    int callers = 8;
    CountDownLatch start = new CountDownLatch(1);
    List<Callable<Admission>> calls = new ArrayList<>();
    for (int i = 0; i < callers; i++) {
      AdmissionRequest request =
          request(seeded.tenantId(), UUID.randomUUID(), seeded.agentId(), null, null, "race", "h");
      calls.add(
          () -> {
            start.await();
            return admissions.admit(request);
          });
    }
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      List<Future<Admission>> futures = new ArrayList<>();
      for (Callable<Admission> call : calls) {
        futures.add(pool.submit(call));
      }
      start.countDown();
      List<Admission> answers = new ArrayList<>();
      for (Future<Admission> future : futures) {
        answers.add(future.get());
      }

      assertThat(answers).filteredOn(Admission.Admitted.class::isInstance).hasSize(1);
      UUID winner =
          answers.stream()
              .filter(Admission.Admitted.class::isInstance)
              .map(a -> ((Admission.Admitted) a).run().runId())
              .findFirst()
              .orElseThrow();
      assertThat(answers)
          .filteredOn(Admission.Replayed.class::isInstance)
          .hasSize(callers - 1)
          .allSatisfy(a -> assertThat(((Admission.Replayed) a).run().runId()).isEqualTo(winner));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anOriginTheSchemaDoesNotKnowIsRefusedByTheDatabase() {
    RunWorkflowInput seeded = infra.seedRun(TestSpecs.demo(), "{}");
    // Every enum constant is one the schema accepts; a name outside them fails the check.
    for (RunOrigin origin : RunOrigin.values()) {
      assertThat(
              admissions.admit(
                  withOrigin(
                      request(
                          seeded.tenantId(),
                          UUID.randomUUID(),
                          seeded.agentId(),
                          null,
                          null,
                          null,
                          "h"),
                      origin)))
          .isInstanceOf(Admission.Admitted.class);
    }
    assertThatThrownBy(
            () -> {
              try (Connection connection = infra.dataSource.getConnection()) {
                connection
                    .createStatement()
                    .execute(
                        "select * from admit_run('"
                            + seeded.tenantId()
                            + "', gen_random_uuid(), null, 'summarizer', null, '{}', null, 'h',"
                            + " 'carrier-pigeon', 'someone')");
              }
            })
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("run_origin_check");
  }

  @Test
  void aChildIsAdmittedUnderItsParentWithItsReservationAndIsDispatchedAtOnce() throws Exception {
    RunWorkflowInput root = infra.seedRun(TestSpecs.demo(), "{}");
    UUID child = UUID.randomUUID();
    UUID grandchild = UUID.randomUUID();

    Admission.Admitted first =
        (Admission.Admitted) admissions.admit(childOf(root.tenantId(), root.runId(), child));
    Admission.Admitted second =
        (Admission.Admitted) admissions.admit(childOf(root.tenantId(), child, grandchild));

    String rootWorkflow = RunHarness.workflowId(root);
    assertThat(first.run().workflowId()).isEqualTo(rootWorkflow + "/summarizer:v1:" + child);
    assertThat(second.run().workflowId())
        .isEqualTo(first.run().workflowId() + "/summarizer:v1:" + grandchild);
    String tenant = root.tenantId();
    assertThat(column(tenant, grandchild, "parent_run_id::text")).isEqualTo(child.toString());
    assertThat(column(tenant, grandchild, "root_run_id::text")).isEqualTo(root.runId().toString());
    assertThat(column(tenant, grandchild, "depth::text")).isEqualTo("2");
    assertThat(column(tenant, grandchild, "max_tokens::text")).isEqualTo("500");
    assertThat(column(tenant, grandchild, "origin")).isEqualTo("parent");
    // The parent's workflow starts it: the API's reconciler must never see it as undispatched.
    assertThat(column(tenant, grandchild, "(dispatched_at is not null)::text")).isEqualTo("true");
  }

  @Test
  void aParentOfAnotherTenantIsNotFoundAndAParentIsRequiredExactlyForOriginParent()
      throws Exception {
    RunWorkflowInput theirs = infra.seedRun(TestSpecs.demo(), "{}");
    RunWorkflowInput ours = infra.seedRun(TestSpecs.demo(), "{}");
    UUID child = UUID.randomUUID();

    assertThat(admissions.admit(childOf(ours.tenantId(), theirs.runId(), child)))
        .isInstanceOf(Admission.NotFound.class);
    assertThat(count(ours.tenantId(), child)).isZero();
    assertThatThrownBy(
            () -> {
              try (Connection connection = infra.dataSource.getConnection()) {
                connection
                    .createStatement()
                    .execute(
                        "select * from admit_run('"
                            + ours.tenantId()
                            + "', gen_random_uuid(), null, 'summarizer', null, '{}', null, 'h',"
                            + " 'parent', 'someone')");
              }
            })
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("run_tree_shape");
  }

  @Test
  void aFireAdmitsOneRunThatNamesItsScheduleAndTimeAndIsDispatchedAtOnce() throws Exception {
    RunWorkflowInput seeded = infra.seedRun(TestSpecs.demo(), "{}");
    String tenant = seeded.tenantId();
    ScheduledFire fire =
        new ScheduledFire(UUID.randomUUID(), Instant.parse("2026-03-01T08:30:00Z"));
    UUID first = UUID.randomUUID();
    UUID retried = UUID.randomUUID();
    UUID nextFire = UUID.randomUUID();

    Admission admitted =
        admissions.admit(AdmissionRequest.ofFire(tenant, first, "summarizer", null, "{}", fire));
    // A retried admission of the same fire, after the schedule's input was changed: same run.
    Admission again =
        admissions.admit(
            AdmissionRequest.ofFire(tenant, retried, "summarizer", null, "{\"q\": 2}", fire));
    Admission later =
        admissions.admit(
            AdmissionRequest.ofFire(
                tenant,
                nextFire,
                "summarizer",
                null,
                "{}",
                new ScheduledFire(fire.scheduleId(), fire.scheduledAt().plusSeconds(60))));

    assertThat(admitted).isInstanceOf(Admission.Admitted.class);
    assertThat(again).isInstanceOf(Admission.Replayed.class);
    assertThat(((Admission.Replayed) again).run().runId()).isEqualTo(first);
    assertThat(((Admission.Replayed) again).dispatched()).isTrue();
    assertThat(later).isInstanceOf(Admission.Admitted.class);
    assertThat(count(tenant, retried)).isZero();
    assertThat(column(tenant, first, "origin")).isEqualTo("schedule");
    assertThat(column(tenant, first, "schedule_id::text")).isEqualTo(fire.scheduleId().toString());
    assertThat(column(tenant, first, "to_char(scheduled_at at time zone 'UTC', 'HH24:MI:SS')"))
        .isEqualTo("08:30:00");
    assertThat(column(tenant, first, "created_by")).isEqualTo("schedule " + fire.scheduleId());
    // The fire's workflow starts it: the API's reconciler must never see it as undispatched.
    assertThat(column(tenant, first, "(dispatched_at is not null)::text")).isEqualTo("true");
  }

  @Test
  void theDatabaseRefusesAScheduleRunWithoutItsFireAndAFireOfAnotherOrigin() {
    RunWorkflowInput seeded = infra.seedRun(TestSpecs.demo(), "{}");
    for (String args :
        List.of(
            "'schedule', 'someone'",
            "'api', 'someone', null, null, null, null, gen_random_uuid(), now()")) {
      assertThatThrownBy(
              () -> {
                try (Connection connection = infra.dataSource.getConnection()) {
                  connection
                      .createStatement()
                      .execute(
                          "select * from admit_run('"
                              + seeded.tenantId()
                              + "', gen_random_uuid(), null, 'summarizer', null, '{}', null, 'h', "
                              + args
                              + ")");
                }
              })
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("run_schedule_shape");
    }
  }

  private static AdmissionRequest childOf(String tenant, UUID parent, UUID child) {
    return new AdmissionRequest(
        tenant,
        child,
        null,
        "summarizer",
        1,
        "{}",
        "parent run " + parent + " step 1 call 0",
        "h",
        RunOrigin.PARENT,
        "run " + parent,
        new ChildReservation(parent, 2, 500, 1));
  }

  private long count(String tenant, UUID runId) throws SQLException {
    try (Connection connection = infra.dataSource.getConnection();
        var statement =
            connection.prepareStatement(
                "select count(*) from run where tenant_id = ? and id = ?")) {
      statement.setString(1, tenant);
      statement.setObject(2, runId);
      try (var rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  private AdmissionRequest withOrigin(AdmissionRequest request, RunOrigin origin) {
    return new AdmissionRequest(
        request.tenantId(),
        request.runId(),
        request.agentId(),
        request.agentName(),
        request.version(),
        request.inputJson(),
        request.idempotencyKey(),
        request.requestHash(),
        origin,
        request.createdBy(),
        origin == RunOrigin.PARENT
            ? new ChildReservation(parentOf(request.tenantId()), 1, 1, 0)
            : null,
        origin == RunOrigin.SCHEDULE
            ? new ScheduledFire(UUID.randomUUID(), Instant.parse("2026-01-01T09:00:00Z"))
            : null);
  }

  /** A run of the tenant to be the parent of an admission of origin parent. */
  private UUID parentOf(String tenant) {
    try (Connection connection = infra.dataSource.getConnection();
        var statement =
            connection.prepareStatement(
                "select id from run where tenant_id = ? and parent_run_id is null limit 1")) {
      statement.setString(1, tenant);
      try (var rows = statement.executeQuery()) {
        rows.next();
        return rows.getObject(1, UUID.class);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static AdmissionRequest request(
      String tenant,
      UUID runId,
      UUID agentId,
      String agentName,
      Integer version,
      String key,
      String hash) {
    return new AdmissionRequest(
        tenant,
        runId,
        agentId,
        agentName,
        version,
        "{\"q\":1}",
        key,
        hash,
        RunOrigin.API,
        "someone");
  }

  private UUID publishVersion(RunWorkflowInput seeded, int version) throws SQLException {
    UUID id = UUID.randomUUID();
    try (Connection connection = infra.dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "insert into agent_version (id, tenant_id, agent_id, version, spec, content_hash,"
                    + " created_by) values (?, ?, ?, ?, cast(? as jsonb), ?, 'test')")) {
      insert.setObject(1, id);
      insert.setString(2, seeded.tenantId());
      insert.setObject(3, seeded.agentId());
      insert.setInt(4, version);
      insert.setString(5, AgentSpecJson.write(TestSpecs.demo()));
      // No uniqueness on the hash: the same spec may be published again as a new version.
      insert.setString(6, AgentSpecJson.contentHash(TestSpecs.demo()));
      insert.executeUpdate();
    }
    return id;
  }

  private String column(String tenant, UUID runId, String column) throws SQLException {
    try (Connection connection = infra.dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "select " + column + " from run where tenant_id = ? and id = ?")) {
      select.setString(1, tenant);
      select.setObject(2, runId);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? row.getString(1) : null;
      }
    }
  }

  private long runsWithIds(UUID... ids) throws SQLException {
    try (Connection connection = infra.dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement("select count(*) from run where id = any(?)")) {
      select.setArray(1, connection.createArrayOf("uuid", ids));
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }
}
