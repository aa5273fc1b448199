package dev.agentruntime.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.embedded.LocalPostgres;
import dev.agentruntime.standalone.Infrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The end-to-end tier's claims (a run survives kill -9 of its worker, each step's effect once) hold
 * for a database that really commits: fsync and synchronous commit on, not zonky's fast defaults.
 */
@ExtendWith(E2EStack.class)
class PostgresDurabilityIT {

  @Test
  void endToEndStackDatabaseRunsWithFsyncAndSynchronousCommitOn() {
    Infrastructure infra = E2EStack.stack().infrastructure();
    assertThat(setting(infra, "fsync")).isEqualTo("on");
    assertThat(setting(infra, "synchronous_commit")).isEqualTo("on");
  }

  private static String setting(Infrastructure infra, String name) {
    return LocalPostgres.setting(infra.jdbcUrl(), infra.dbUser(), infra.dbPassword(), name);
  }
}
