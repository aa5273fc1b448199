package dev.agentruntime.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The console's sources hold to the rules that keep hostile content inert: nothing is parsed as
 * HTML, nothing is evaluated, no inline script or style or handler, no token in web storage.
 */
class ConsoleSourcesTest {

  private static final Path ROOT = Path.of("src/main/resources/META-INF/resources/console");

  private static final List<Pattern> FORBIDDEN_IN_SCRIPTS =
      Stream.of(
              "innerHTML",
              "outerHTML",
              "insertAdjacentHTML",
              "document\\.write",
              "\\beval\\(",
              "new Function\\(",
              "localStorage",
              "DOMParser",
              "createContextualFragment")
          .map(Pattern::compile)
          .toList();

  @Test
  void scriptsNeverParseMarkupEvaluateCodeOrKeepTokensInStorage() throws IOException {
    List<Path> scripts = files(".js");
    assertThat(scripts).hasSizeGreaterThan(5);
    for (Path script : scripts) {
      String text = Files.readString(script);
      for (Pattern forbidden : FORBIDDEN_IN_SCRIPTS) {
        assertThat(forbidden.matcher(text).find()).as("%s uses %s", script, forbidden).isFalse();
      }
    }
  }

  @Test
  void thePageHasNoInlineScriptStyleOrHandler() throws IOException {
    String page = Files.readString(ROOT.resolve("index.html"));
    assertThat(page).doesNotContainPattern("<script(?![^>]*\\bsrc=)");
    assertThat(page).doesNotContainPattern("<style");
    assertThat(page).doesNotContainPattern("\\sstyle=");
    assertThat(page).doesNotContainPattern("\\son[a-z]+=");
    assertThat(page).doesNotContainPattern("<script[^>]*>[^<]+</script>");
  }

  private static List<Path> files(String suffix) throws IOException {
    try (Stream<Path> all = Files.walk(ROOT)) {
      return all.filter(p -> p.toString().endsWith(suffix)).toList();
    }
  }
}
