package dev.agentruntime.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.client.model.AgentSpec;
import dev.agentruntime.client.model.RetrySpec;
import dev.agentruntime.client.model.RunResponse;
import dev.agentruntime.embedded.Ports;
import dev.agentruntime.embedded.TemporalDevServer;
import dev.agentruntime.standalone.Infrastructure;
import dev.agentruntime.standalone.Stack;
import dev.agentruntime.standalone.StackSettings;
import dev.agentruntime.testkit.FakeOpenAiServer;
import dev.agentruntime.testkit.LocalKms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The packaged API and worker with tenants' data keys wrapped by AWS KMS (a real KMS API server,
 * local-kms), as the ECS deployment runs them, after an upgrade from a master key: the API, started
 * with {@code kms-key-id} and the old master key in {@code previous-master-keys}, re-wraps the data
 * key the master key wrapped, and the worker opens both that tenant's secret and a new tenant's,
 * sealed under KMS from the start, and sends each to the model.
 */
class KmsSecretIT {

  @Test
  void aSecretSealedBeforeTheMoveToKmsAndOneSealedAfterBothReachTheModel() throws Exception {
    String tag = UUID.randomUUID().toString().replace("-", "");
    String sealedBefore = "sk-before-kms-" + tag;
    String sealedAfter = "sk-after-kms-" + tag;
    Path home = Path.of(System.getProperty("agent-runtime.e2e.home", "target/e2e") + "-kms");
    // A fresh database and KMS: data keys left by an earlier run are wrapped by a KMS key this
    // run's local-kms does not have, and would stop the API's start-up (as they should).
    deleteRecursively(home);

    try (FakeOpenAiServer model = FakeOpenAiServer.start();
        LocalKms kms = LocalKms.start(Files.createDirectories(home.resolve("kms")));
        TemporalDevServer temporal =
            TemporalDevServer.start(home.resolve("temporal"), Ports.free(), Ports.free())) {
      String tenant;
      // Before: the launcher's master key file, as every stack without KMS.
      try (Stack stack = Stack.start(kept(home, temporal, Map.of()))) {
        E2ETenant api = E2ETenant.newTenant(stack);
        tenant = api.tenant;
        api.putSecret("MODEL_KEY", sealedBefore);
        api.createAgent("keyed", modelSpec(model.baseUrl()));
      }
      String masterKey = Files.readString(home.resolve("keys/master.key")).strip();
      Map<String, String> withKms = new HashMap<>();
      withKms.put("agent-runtime.secrets.master-key-files", "");
      withKms.put("agent-runtime.secrets.kms-key-id", kms.keyArn());
      withKms.put("agent-runtime.secrets.kms-endpoint", kms.endpoint());
      withKms.put("agent-runtime.secrets.previous-master-keys", masterKey);
      // The default AWS credentials chain reads these (the task role in ECS); local-kms takes any.
      withKms.put("aws.accessKeyId", "test-key");
      withKms.put("aws.secretAccessKey", "test-secret");

      try (Stack stack = Stack.start(kept(home, temporal, withKms))) {
        E2ETenant upgraded =
            E2ETenant.withToken(
                stack, tenant, stack.tokens().tenantAdmin(tenant, Duration.ofMinutes(30)));
        E2ETenant fresh = E2ETenant.newTenant(stack);
        fresh.putSecret("MODEL_KEY", sealedAfter);
        fresh.createAgent("keyed", modelSpec(model.baseUrl()));

        for (E2ETenant api : new E2ETenant[] {upgraded, fresh}) {
          String run = api.startRun("keyed", "use the key");
          assertThat(api.awaitEnd(run, Duration.ofSeconds(90)).getStatus())
              .isEqualTo(RunResponse.StatusEnum.SUCCEEDED);
        }
        assertThat(model.calls())
            .extracting(FakeOpenAiServer.Call::authorization)
            .contains("Bearer " + sealedBefore, "Bearer " + sealedAfter);
        assertThat(dataKeyWrappedBy(stack.infrastructure(), tenant)).isEqualTo(kms.keyArn());
        assertThat(dataKeyWrappedBy(stack.infrastructure(), fresh.tenant)).isEqualTo(kms.keyArn());
      }
    }
  }

  /**
   * The stack's settings with {@code properties} for the API and the worker, its PostgreSQL data
   * kept in the home across the two stacks, as a deployment's database outlives its upgrade.
   */
  private static StackSettings kept(
      Path home, TemporalDevServer temporal, Map<String, String> properties) {
    StackSettings s = TestStacks.settings(home, temporal.target(), properties, properties);
    return new StackSettings(
        s.home(),
        s.apiApp(),
        s.workerApp(),
        s.apiPort(),
        s.workerPort(),
        s.temporalPort(),
        s.external(),
        s.apiProperties(),
        s.workerProperties(),
        home.resolve("data"),
        null);
  }

  private static void deleteRecursively(Path directory) throws java.io.IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (var paths = Files.walk(directory)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  private static String dataKeyWrappedBy(Infrastructure infrastructure, String tenant)
      throws Exception {
    try (Connection c =
            DriverManager.getConnection(
                infrastructure.jdbcUrl(), infrastructure.dbUser(), infrastructure.dbPassword());
        PreparedStatement s =
            c.prepareStatement("select master_key_id from tenant_data_key where tenant_id = ?")) {
      s.setString(1, tenant);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  private static AgentSpec modelSpec(String baseUrl) {
    AgentSpec spec = E2ETenant.notesSpec(baseUrl, false).limits(null);
    spec.getModel().apiKeyRef("secret:MODEL_KEY");
    return spec.retry(
        new RetrySpec().maxAttempts(2).initialIntervalMillis(200L).attemptTimeoutSeconds(20));
  }
}
