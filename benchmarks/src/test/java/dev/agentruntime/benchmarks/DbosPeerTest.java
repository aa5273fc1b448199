package dev.agentruntime.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class DbosPeerTest {

  @Test
  void theSystemDatabaseIsADatabaseOfItsOwnOnTheSameServer() {
    assertThat(DbosPeer.databaseUrl("jdbc:postgresql://localhost:5432/postgres", "dbos"))
        .isEqualTo("jdbc:postgresql://localhost:5432/dbos");
    assertThat(
            DbosPeer.databaseUrl(
                "jdbc:postgresql://db.internal:6543/agent_runtime?sslmode=require", "dbos"))
        .isEqualTo("jdbc:postgresql://db.internal:6543/dbos?sslmode=require");
    assertThatThrownBy(() -> DbosPeer.databaseUrl("jdbc:mysql://localhost/x", "dbos"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aWorkflowOfNStepsCheckpointsEachStepInPostgres() throws IOException {
    try (EmbeddedPostgres postgres = postgres(true);
        DbosPeer peer = DbosPeer.start(url(postgres), "postgres", "postgres")) {
      String first = peer.runOnce(3);
      String second = peer.runOnce(5);

      assertThat(first).isNotEqualTo(second).startsWith("bench-dbos-3-");
      assertThat(peer.checkpointedSteps(first)).isEqualTo(3);
      assertThat(peer.checkpointedSteps(second)).isEqualTo(5);
      assertThat(peer.databaseUrl()).endsWith("/" + DbosPeer.DATABASE);
    }
  }

  @Test
  void refusesAServerThatDoesNotCommitDurably() throws IOException {
    try (EmbeddedPostgres postgres = postgres(false)) {
      assertThatThrownBy(() -> DbosPeer.start(url(postgres), "postgres", "postgres"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("fsync=off");
    }
  }

  /**
   * zonky's server, durable as {@code LocalPostgres.start} makes it or with zonky's fast defaults.
   * Not {@code LocalPostgres} itself: on this module's test class path the binaries jar is there
   * twice (directly, and through the Class-Path of the launcher jar's manifest), which zonky's
   * default resolver refuses; this one takes the first.
   */
  private static EmbeddedPostgres postgres(boolean durable) throws IOException {
    EmbeddedPostgres.Builder builder =
        EmbeddedPostgres.builder()
            .setPgBinaryResolver(
                (system, hardware) ->
                    DbosPeerTest.class.getResourceAsStream(
                        "/postgres-" + system.toLowerCase(Locale.ROOT) + "-" + hardware + ".txz"));
    if (durable) {
      builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
    }
    return builder.start();
  }

  private static String url(EmbeddedPostgres postgres) {
    return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
  }
}
