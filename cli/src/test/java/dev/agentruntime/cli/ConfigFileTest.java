package dev.agentruntime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {

  @TempDir Path dir;

  @Test
  void theFileIsCreatedOwnerOnlyInAnOwnerOnlyDirectory() throws Exception {
    Path path = dir.resolve("agentctl").resolve("config.json");
    ConfigFile config = new ConfigFile(path);
    config.write(
        new ConfigFile.Contents(
            "a", Map.of("a", Profile.EMPTY.withApi("http://a").withTokens("t", null, null, null))));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path.getParent())))
        .isEqualTo("rwx------");
    assertThat(config.read().profiles().get("a").accessToken()).isEqualTo("t");
  }

  @Test
  void aWiderFileIsReplacedByAnOwnerOnlyOne() throws Exception {
    Path path = dir.resolve("config.json");
    Files.writeString(path, "{}");
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r--r--"));
    new ConfigFile(path).write(new ConfigFile.Contents(null, Map.of()));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path)))
        .isEqualTo("rw-------");
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(path);
    }
  }

  @Test
  void theLocationFollowsAgentctlConfigThenXdgThenHome() {
    assertThat(
            ConfigFile.locate(Map.of("AGENTCTL_CONFIG", "/x/c.json", "XDG_CONFIG_HOME", "/y"))
                .path())
        .isEqualTo(Path.of("/x/c.json"));
    assertThat(ConfigFile.locate(Map.of("XDG_CONFIG_HOME", "/y", "HOME", "/h")).path())
        .isEqualTo(Path.of("/y/agentctl/config.json"));
    assertThat(ConfigFile.locate(Map.of("HOME", "/h")).path())
        .isEqualTo(Path.of("/h/.config/agentctl/config.json"));
  }
}
