package dev.agentruntime.worker.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentruntime.core.run.Admission;
import dev.agentruntime.core.run.AdmissionRequest;
import dev.agentruntime.core.run.RunAdmissions;
import dev.agentruntime.core.run.RunOrigin;
import dev.agentruntime.core.spec.AgentSpecJson;
import dev.agentruntime.core.workflow.RunWorkflowInput;
import dev.agentruntime.worker.TestInfrastructure;
import dev.agentruntime.worker.TestSpecs;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How {@code admit_run} resolves an alias that splits between two versions (V25, the rule in {@code
 * resolve_alias} since V28), on the real schema: the measured split matches the weight within the
 * tolerance docs/api.md#aliases gives (four standard deviations of the binomial), a routing key
 * always lands on the same side, and the side a key lands on is the documented bucket rule, so
 * clients can predict it. A worker resolves a child's alias with {@code resolve_alias} first and
 * admits the version it got, recording the alias.
 */
class AliasRoutingTest {

  private static final int CANARY_WEIGHT = 10;

  private final TestInfrastructure infra = TestInfrastructure.get();
  private final RunAdmissions admissions = new RunAdmissions(infra.dataSource);
  private RunWorkflowInput seeded;

  @BeforeEach
  void agentWithTwoVersionsAndASplitAlias() {
    seeded = infra.seedRun(TestSpecs.demo(), "{}");
    var second = TestSpecs.demo();
    infra.execute(
        "insert into agent_version (id, tenant_id, agent_id, version, spec, content_hash,"
            + " created_by) values (?, ?, ?, 2, ?::jsonb, ?, 'test')",
        UUID.randomUUID(),
        seeded.tenantId(),
        seeded.agentId(),
        AgentSpecJson.write(second),
        AgentSpecJson.contentHash(second));
    infra.execute(
        "insert into agent_alias (tenant_id, agent_id, name, version, canary_version,"
            + " canary_weight, updated_by) values (?, ?, 'prod', 1, 2, ?, 'test')",
        seeded.tenantId(),
        seeded.agentId(),
        CANARY_WEIGHT);
  }

  @Test
  void twoHundredRunsWithoutKeysSplitNinetyTen() {
    Map<Integer, Integer> counts = admitMany(200, i -> null);
    // Binomial(200, 0.1): mean 20, standard deviation 4.24; four of them either side.
    assertThat(counts.getOrDefault(2, 0)).isBetween(3, 37);
    assertThat(counts.getOrDefault(1, 0) + counts.getOrDefault(2, 0)).isEqualTo(200);
  }

  @Test
  void twoHundredRoutingKeysSplitNinetyTenAndEachKeepsItsSide() {
    Map<Integer, Integer> counts = admitMany(200, i -> "user-" + i);
    assertThat(counts.getOrDefault(2, 0)).isBetween(3, 37);

    // Again, in another order: every key lands where it landed the first time.
    Map<String, Integer> first = new HashMap<>();
    for (int i = 0; i < 50; i++) {
      first.put("user-" + i, admit("user-" + i));
    }
    for (int i = 49; i >= 0; i--) {
      assertThat(admit("user-" + i)).as("user-%d", i).isEqualTo(first.get("user-" + i));
    }
  }

  @Test
  void theSideAKeyLandsOnIsTheDocumentedBucketRule() throws Exception {
    for (int i = 0; i < 50; i++) {
      String key = "customer-" + i;
      int expected = bucket(seeded.agentId(), "prod", key) < CANARY_WEIGHT ? 2 : 1;
      assertThat(admit(key)).as(key).isEqualTo(expected);
    }
  }

  @Test
  void resolveAliasIsTheRuleAdmissionAppliesAndAnswersOnlyTheTenantsOwnAlias() throws Exception {
    for (int i = 0; i < 30; i++) {
      String key = "tree " + UUID.randomUUID();
      int expected = bucket(seeded.agentId(), "prod", key) < CANARY_WEIGHT ? 2 : 1;
      assertThat(resolve(seeded.tenantId(), seeded.agentName(), "prod", key))
          .as(key)
          .isEqualTo(expected);
      assertThat(admit(key)).as(key).isEqualTo(expected);
    }
    RunWorkflowInput other = infra.seedRun(TestSpecs.demo(), "{}");
    assertThat(resolve(other.tenantId(), seeded.agentName(), "prod", "k")).isNull();
    assertThat(resolve(seeded.tenantId(), seeded.agentName(), "staging", "k")).isNull();
    assertThat(resolve(seeded.tenantId(), "nobody", "prod", "k")).isNull();
  }

  @Test
  void aVersionTheCallerResolvedIsTakenAsItIsAndTheAliasRecorded() {
    UUID runId = UUID.randomUUID();
    AdmissionRequest byVersion =
        new AdmissionRequest(
            seeded.tenantId(),
            runId,
            null,
            seeded.agentName(),
            1,
            "{}",
            null,
            "h",
            RunOrigin.API,
            "someone");

    Admission admission = admissions.admit(byVersion.withResolvedAlias("prod", "tree x"));

    assertThat(((Admission.Admitted) admission).run().agentVersion()).isEqualTo(1);
    List<String> row = new ArrayList<>();
    try (Connection c = infra.dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "select alias_name, routing_key from run where tenant_id = ? and id = ?")) {
      ps.setString(1, seeded.tenantId());
      ps.setObject(2, runId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        row.add(rs.getString(1));
        row.add(rs.getString(2));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    assertThat(row).containsExactly("prod", "tree x");
    // Naming both is still refused to everyone else: only withResolvedAlias says "resolved".
    assertThatThrownBy(() -> byVersion.withAlias("prod", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not both");
  }

  /** resolve_alias (V28) as the worker calls it; null when it names nothing. */
  private Integer resolve(String tenant, String agent, String alias, String key) {
    try (Connection c = infra.dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("select resolve_alias(?, ?, ?, ?)")) {
      ps.setString(1, tenant);
      ps.setString(2, agent);
      ps.setString(3, alias);
      ps.setString(4, key);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return (Integer) rs.getObject(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** docs/api.md#aliases: sha256(agentId/alias/key), first four bytes unsigned, modulo 100. */
  private static long bucket(UUID agentId, String alias, String key) throws Exception {
    byte[] hash =
        MessageDigest.getInstance("SHA-256")
            .digest((agentId + "/" + alias + "/" + key).getBytes(StandardCharsets.UTF_8));
    long value =
        ((hash[0] & 0xffL) << 24)
            | ((hash[1] & 0xffL) << 16)
            | ((hash[2] & 0xffL) << 8)
            | (hash[3] & 0xffL);
    return value % 100;
  }

  private Map<Integer, Integer> admitMany(int runs, java.util.function.IntFunction<String> keys) {
    Map<Integer, Integer> counts = new HashMap<>();
    for (int i = 0; i < runs; i++) {
      counts.merge(admit(keys.apply(i)), 1, Integer::sum);
    }
    return counts;
  }

  /** Admits a run naming the alias; answers the version it resolved to. */
  private int admit(String routingKey) {
    Admission admission =
        admissions.admit(
            new AdmissionRequest(
                    seeded.tenantId(),
                    UUID.randomUUID(),
                    null,
                    seeded.agentName(),
                    null,
                    "{}",
                    null,
                    "h",
                    RunOrigin.API,
                    "someone")
                .withAlias("prod", routingKey));
    assertThat(admission).isInstanceOf(Admission.Admitted.class);
    return ((Admission.Admitted) admission).run().agentVersion();
  }
}
