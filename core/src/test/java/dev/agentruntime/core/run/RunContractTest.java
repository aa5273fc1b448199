package dev.agentruntime.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentruntime.core.activity.ActivityFailureTypes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The run contract the API, the worker and the database share. Java code on both sides reads these
 * sets from core; the database keeps copies of its own in the migrations, which are held to them
 * here, so a status or terminal event added on one side only fails this test.
 */
class RunContractTest {

  private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

  @Test
  void everyTerminalStatusIsClosedByExactlyOneTerminalEvent() {
    Set<String> closing =
        RunStatus.TERMINAL.stream().map(RunEventTypes::terminalFor).collect(Collectors.toSet());

    assertThat(closing).isEqualTo(RunEventTypes.TERMINAL).hasSameSizeAs(RunStatus.TERMINAL);
    assertThat(RunEventTypes.ALL).containsAll(RunEventTypes.TERMINAL);
    for (RunStatus status : RunStatus.values()) {
      assertThat(status.isTerminal()).isEqualTo(RunStatus.TERMINAL.contains(status));
      if (!status.isTerminal()) {
        assertThatThrownBy(() -> RunEventTypes.terminalFor(status))
            .isInstanceOf(IllegalArgumentException.class);
      }
    }
  }

  @Test
  void eventTypesAreAllTheConstantsAndNothingElse() {
    assertThat(RunEventTypes.ALL)
        .contains(RunEventTypes.RUN_QUEUED, RunEventTypes.KERNEL_DEPENDENCY_UNAVAILABLE)
        .doesNotHaveDuplicates()
        .allMatch(type -> type.matches("[a-z]+(\\.[a-z_]+)+"));
    assertThat(RunEventTypes.isKnown("run.finished")).isFalse();
  }

  @Test
  void sqlLiteralsListWireNamesInDeclarationOrder() {
    assertThat(RunStatus.sqlLiterals(RunStatus.TERMINAL))
        .isEqualTo("'succeeded', 'failed', 'cancelled', 'timed_out'");
  }

  @Test
  void theDatabaseAllowsExactlyTheStatusesOfRunStatus() throws Exception {
    String check = lastMatch("(?s)run_status_check check \\(status in \\((.*?)\\)\\)");

    assertThat(quoted(check))
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(RunStatus.values()).map(RunStatus::wireName).toList());
  }

  @Test
  void theDatabaseClosesTimelinesWithTheTerminalSetsOfCore() throws Exception {
    String statuses = lastMatch("(?s)if run_status in \\((.*?)\\)");
    String types = lastMatch("(?s)and p_type not in \\((.*?)\\)");

    assertThat(quoted(statuses))
        .containsExactlyInAnyOrderElementsOf(
            RunStatus.TERMINAL.stream().map(RunStatus::wireName).toList());
    assertThat(quoted(types)).containsExactlyInAnyOrderElementsOf(RunEventTypes.TERMINAL);
  }

  @Test
  void failureTypesAreDistinct() {
    assertThat(ActivityFailureTypes.ALL).doesNotHaveDuplicates().hasSize(4);
  }

  /** The last definition in the migrations, applied in version order, is the one in force. */
  private static String lastMatch(String regex) throws Exception {
    Pattern pattern = Pattern.compile(regex);
    String last = null;
    for (Path migration : migrations()) {
      Matcher matcher = pattern.matcher(Files.readString(migration));
      while (matcher.find()) {
        last = matcher.group(1);
      }
    }
    assertThat(last).as("a migration matching %s", regex).isNotNull();
    return last;
  }

  private static List<String> quoted(String list) {
    List<String> values = new ArrayList<>();
    Matcher matcher = QUOTED.matcher(list);
    while (matcher.find()) {
      values.add(matcher.group(1));
    }
    return values;
  }

  private static List<Path> migrations() throws Exception {
    Path dir = Path.of(RunContractTest.class.getResource("/db/migration").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(file -> file.getFileName().toString().matches("V\\d+__.*\\.sql"))
          .sorted(Comparator.comparingInt(RunContractTest::version))
          .toList();
    }
  }

  private static int version(Path migration) {
    String name = migration.getFileName().toString();
    return Integer.parseInt(name.substring(1, name.indexOf("__")));
  }
}
