package dev.agentruntime.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * docs/api.md as the tests that hold it to the code read it: its sections and the rows of its
 * Markdown tables. Read from the source tree (Maven runs the tests in the module's directory).
 */
public final class ApiDoc {

  private static final Path FILE = Path.of("..", "docs", "api.md");

  private final String text;

  private ApiDoc(String text) {
    this.text = text;
  }

  public static ApiDoc read() {
    try {
      return new ApiDoc(Files.readString(FILE));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String text() {
    return text;
  }

  /**
   * The text under the heading {@code heading} (any level), up to the next heading of its level.
   */
  public String section(String heading) {
    for (String marks = "#"; marks.length() <= 4; marks += "#") {
      String start = "\n" + marks + " " + heading + "\n";
      int from = text.indexOf(start);
      if (from >= 0) {
        int end = text.indexOf("\n" + marks + " ", from + start.length());
        return text.substring(from + start.length(), end < 0 ? text.length() : end);
      }
    }
    throw new AssertionError("docs/api.md has no section \"" + heading + "\"");
  }

  /**
   * The body rows of the first table in {@code section} whose header row starts with {@code
   * firstColumn}, each as its trimmed cells.
   */
  public static List<List<String>> table(String section, String firstColumn) {
    List<List<String>> rows = new ArrayList<>();
    boolean inTable = false;
    for (String line : section.split("\n")) {
      if (!inTable) {
        inTable = line.startsWith("| " + firstColumn + " |");
        continue;
      }
      if (!line.startsWith("|")) {
        break;
      }
      if (line.startsWith("|---")) {
        continue;
      }
      rows.add(cells(line));
    }
    if (rows.isEmpty()) {
      throw new AssertionError("no table headed \"" + firstColumn + "\" in the section");
    }
    return rows;
  }

  private static List<String> cells(String line) {
    // A cell may hold an escaped pipe (\|), which is no cell boundary.
    String[] parts = line.substring(1, line.length() - 1).split("(?<!\\\\)\\|", -1);
    return Arrays.stream(parts).map(String::strip).toList();
  }

  /** The text between the first pair of backticks in {@code cell}. */
  public static String code(String cell) {
    int start = cell.indexOf('`');
    int end = cell.indexOf('`', start + 1);
    if (start < 0 || end < 0) {
      throw new AssertionError("no `code` in table cell: " + cell);
    }
    return cell.substring(start + 1, end);
  }
}
