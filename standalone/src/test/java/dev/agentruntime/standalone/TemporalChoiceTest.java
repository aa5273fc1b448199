package dev.agentruntime.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemporalChoiceTest {

  @TempDir Path dir;
  private final ByteArrayOutputStream console = new ByteArrayOutputStream();

  @Test
  void builtServerIsChosenWithoutBuildingAnything() throws Exception {
    Path cli = executable(dir.resolve("bin/temporal"), "#!/bin/sh\n");

    TemporalChoice choice =
        choose(new TemporalChoice.Machine(cli, Optional.empty(), Optional.empty()));

    assertThat(choice.cli()).contains(cli);
    assertThat(printed()).isEmpty();
  }

  @Test
  void withoutGoTheInMemoryServerIsChosenAndTheConsoleSaysWhatThatCostsAndHowToGetTheRealOne() {
    Path cli = dir.resolve("bin/temporal");

    TemporalChoice choice =
        choose(new TemporalChoice.Machine(cli, Optional.empty(), Optional.empty()));

    assertThat(choice.cli()).isEmpty();
    assertThat(printed())
        .contains("in-memory test server")
        .contains("Go is not installed")
        .contains("Crash survival needs the real server")
        .contains("https://go.dev/dl/")
        .contains("scripts/install-tools.sh temporal");
  }

  @Test
  void withGoTheInstallScriptBuildsTheServerOnFirstUse() throws Exception {
    Path cli = dir.resolve("bin/temporal");
    // Stands in for the Go build: writes the binary where install-tools.sh puts it.
    Path script =
        executable(
            dir.resolve("install-tools.sh"),
            "#!/bin/sh\n[ \"$1\" = temporal ] || exit 2\nmkdir -p '"
                + cli.getParent()
                + "'\nprintf '#!/bin/sh\\n' > '"
                + cli
                + "'\nchmod +x '"
                + cli
                + "'\n");

    TemporalChoice choice =
        choose(
            new TemporalChoice.Machine(
                cli, Optional.of(Path.of("/bin/true")), Optional.of(script)));

    assertThat(choice.cli()).contains(cli);
    assertThat(printed())
        .contains("Building the Temporal server")
        .contains("Temporal server built in");
  }

  @Test
  void aFailedBuildFallsBackToTheInMemoryServerAndPointsAtTheBuildLog() throws Exception {
    Path script =
        executable(dir.resolve("install-tools.sh"), "#!/bin/sh\necho no network >&2\nexit 1\n");

    TemporalChoice choice =
        choose(
            new TemporalChoice.Machine(
                dir.resolve("bin/temporal"),
                Optional.of(Path.of("/bin/true")),
                Optional.of(script)));

    assertThat(choice.cli()).isEmpty();
    assertThat(printed()).contains("building it failed (see " + dir.resolve("logs/build.log"));
    assertThat(Files.readString(dir.resolve("logs/build.log"))).contains("no network");
  }

  private TemporalChoice choose(TemporalChoice.Machine machine) {
    return TemporalChoice.choose(
        machine,
        dir.resolve("logs/build.log"),
        new PrintStream(console, true, StandardCharsets.UTF_8));
  }

  private String printed() {
    return console.toString(StandardCharsets.UTF_8);
  }

  private static Path executable(Path file, String content) throws Exception {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }
}
