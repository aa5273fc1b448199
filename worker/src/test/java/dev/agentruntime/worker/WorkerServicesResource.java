package dev.agentruntime.worker;

import dev.agentruntime.embedded.LocalPostgres;
import dev.agentruntime.embedded.LocalS3;
import dev.agentruntime.embedded.LocalTemporal;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Points the application under test at the shared test services and a local Temporal server. */
public class WorkerServicesResource implements QuarkusTestResourceLifecycleManager {

  private LocalTemporal temporal;

  @Override
  public Map<String, String> start() {
    TestInfrastructure infra = TestInfrastructure.get();
    temporal = LocalTemporal.startEphemeral();
    return Map.of(
        "quarkus.datasource.jdbc.url",
        infra.postgres.jdbcUrl(),
        "quarkus.datasource.username",
        LocalPostgres.USER,
        "quarkus.datasource.password",
        LocalPostgres.PASSWORD,
        "agent-runtime.temporal.target",
        temporal.target(),
        "agent-runtime.s3.endpoint",
        infra.s3.endpoint(),
        "agent-runtime.s3.access-key",
        LocalS3.ACCESS_KEY,
        "agent-runtime.s3.secret-key",
        LocalS3.SECRET_KEY,
        "agent-runtime.s3.bucket",
        "agent-runtime-app");
  }

  @Override
  public void stop() {
    if (temporal != null) {
      temporal.close();
    }
  }
}
