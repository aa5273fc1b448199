package dev.agentruntime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TableTest {

  @Test
  void columnsAlignOnTheWidestCellAndNullShowsAsADash() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new Table("NAME", "STATUS", "NOTE")
        .row("a", "succeeded", null)
        .row("longer-name", "failed", "two\nlines")
        .print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "NAME         STATUS     NOTE\n"
                + "a            succeeded  -\n"
                + "longer-name  failed     two lines\n");
  }
}
