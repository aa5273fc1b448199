package dev.agentruntime.systemtests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The curl sequences of the docs as one bash script: every {@code ```bash} block of a Markdown file
 * that calls curl (a curl block under another fence is refused), in order, so that a block may use
 * the variables earlier ones set ({@code AR}, {@code TOKEN}, {@code RUN}, ...). Two HTML comments
 * on the line before a block say how to read it: {@code <!-- not-run: why -->} leaves a block out
 * (one that only illustrates), {@code <!-- doc-test: allows 409 (why) -->} names the 4xx/5xx
 * statuses it expects (an existing tenant on a rerun). Any other 4xx or 5xx fails the script, as
 * {@code curl -f} would.
 */
final class DocCurlBlocks {

  /** One block: where it is, its text, and the error statuses it allows. */
  record Block(String where, String text, Set<Integer> allowed) {}

  private static final Pattern NOT_RUN = Pattern.compile("^<!-- not-run: .+ -->$");
  private static final Pattern ALLOWS =
      Pattern.compile("^<!-- doc-test: allows ([0-9]{3}(?:, [0-9]{3})*)\\b.* -->$");

  /**
   * Every curl answer's status, read without touching what the block reads from curl's stdout: curl
   * writes it to stderr (-w %{stderr}), which goes to a file; the file's other text (curl's own
   * error messages) goes on to the script's stderr.
   */
  private static final String PRELUDE =
      """
      set -euo pipefail
      doc_allowed=
      curl() {
        local err rc=0 text status
        err=$(mktemp)
        command curl -w '%{stderr}%{http_code}' "$@" 2>"$err" || rc=$?
        text=$(cat "$err"); rm -f "$err"
        status=${text: -3}
        [ ${#text} -le 3 ] || printf '%s\\n' "${text%???}" >&2
        if [ "$rc" -ne 0 ]; then
          echo "doc-test: curl failed (exit $rc)" >&2
          return "$rc"
        fi
        if [ "$status" -ge 400 ] && [[ " $doc_allowed " != *" $status "* ]]; then
          echo "doc-test: a request answered $status, which its block does not allow" >&2
          return 22
        fi
      }
      """;

  private DocCurlBlocks() {}

  static List<Block> read(Path markdown, String name) throws IOException {
    List<String> lines = Files.readAllLines(markdown);
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).startsWith("```")) {
        continue;
      }
      int start = i;
      String language = lines.get(i).substring(3).trim();
      StringBuilder text = new StringBuilder();
      for (i++; !lines.get(i).equals("```"); i++) {
        text.append(lines.get(i)).append('\n');
      }
      String before = start > 0 ? lines.get(start - 1) : "";
      if (!text.toString().contains("curl ") || NOT_RUN.matcher(before).matches()) {
        continue;
      }
      if (!language.equals("bash")) {
        // Else a sequence could leave the test by its fence's language alone.
        throw new IllegalStateException(
            name
                + ":"
                + (start + 1)
                + ": a block that calls curl is ```bash (run by the docs' test) or marked"
                + " <!-- not-run: why -->");
      }
      Matcher allows = ALLOWS.matcher(before);
      Set<Integer> allowed =
          allows.matches()
              ? Arrays.stream(allows.group(1).split(", "))
                  .map(Integer::valueOf)
                  .collect(Collectors.toCollection(TreeSet::new))
              : Set.of();
      blocks.add(new Block(name + ":" + (start + 1), text.toString(), allowed));
    }
    return blocks;
  }

  /** The blocks as one script, each announced on stderr so that a failure names its block. */
  static String script(List<Block> blocks) {
    StringBuilder script = new StringBuilder(PRELUDE);
    for (Block block : blocks) {
      script
          .append("echo 'doc-test: block ")
          .append(block.where())
          .append("' >&2\n")
          .append("doc_allowed='")
          .append(block.allowed().stream().map(String::valueOf).collect(Collectors.joining(" ")))
          .append("'\n")
          .append(block.text());
    }
    return script.append("echo 'doc-test: every block ran' >&2\n").toString();
  }
}
