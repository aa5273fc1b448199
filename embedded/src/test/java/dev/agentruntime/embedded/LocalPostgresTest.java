package dev.agentruntime.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LocalPostgresTest {

  @Test
  void startRunsWithFsyncAndSynchronousCommitOnAndKeepsItsDataDirectory() throws Exception {
    Path data = Files.createTempDirectory("local-postgres-test").resolve("pg");
    try (LocalPostgres postgres = LocalPostgres.start(Ports.free(), data)) {
      assertThat(postgres.setting("fsync")).isEqualTo("on");
      assertThat(postgres.setting("synchronous_commit")).isEqualTo("on");
    }
    assertThat(data.resolve("PG_VERSION")).exists();
  }

  @Test
  void ephemeralServerKeepsZonkysFastSettingsForTestsThatClaimNoDurability() {
    try (LocalPostgres postgres = LocalPostgres.startEphemeral()) {
      assertThat(postgres.setting("fsync")).isEqualTo("off");
      assertThat(postgres.setting("synchronous_commit")).isEqualTo("off");
    }
  }
}
