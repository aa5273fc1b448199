package dev.agentruntime.systemtests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The fenced bash block of a Markdown file marked {@code <!-- cli-session -->}. */
final class DocSession {

  static final String MARK = "<!-- cli-session -->";

  private DocSession() {}

  static String block(Path markdown) throws IOException {
    String text = Files.readString(markdown);
    int mark = text.indexOf(MARK);
    if (mark < 0) {
      throw new AssertionError(markdown + " has no " + MARK);
    }
    int open = text.indexOf("```bash\n", mark);
    int close = text.indexOf("\n```", open + 8);
    if (open < 0 || close < 0) {
      throw new AssertionError(markdown + ": no ```bash block after " + MARK);
    }
    return text.substring(open + 8, close + 1);
  }
}
