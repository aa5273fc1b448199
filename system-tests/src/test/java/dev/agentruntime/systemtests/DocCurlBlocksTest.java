package dev.agentruntime.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the docs' curl blocks are read and judged, against a local HTTP server answering {@code /ok}
 * with 200 and anything else with 404: the script StandaloneFirstRunIT runs must fail on a status a
 * block does not allow, or it would hold nothing.
 */
class DocCurlBlocksTest {

  private static final String DOC =
      """
      Some prose.

      ```bash
      ./standalone.sh   # no curl: not a sequence to run
      ```

      <!-- not-run: it only illustrates -->
      ```bash
      curl -sS $AR/anything
      ```

      ```bash
      PAGE=$(curl -sS $AR/ok | tr a-z A-Z)
      echo "read $PAGE"
      ```

      <!-- doc-test: allows 404, 409 (it exists when pasted again) -->
      ```bash
      curl -sS $AR/missing; echo
      ```
      """;

  @TempDir Path dir;
  private HttpServer server;
  private String base;

  @BeforeEach
  void startServer() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          boolean ok = exchange.getRequestURI().getPath().equals("/ok");
          byte[] body = (ok ? "fine" : "{\"status\":404}").getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(ok ? 200 : 404, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  @Test
  void onlyCurlBlocksAreReadWithTheStatusesTheyAllowAndIllustrationsAreLeftOut() throws Exception {
    List<DocCurlBlocks.Block> blocks = blocks(DOC);

    assertThat(blocks)
        .extracting(DocCurlBlocks.Block::where)
        .containsExactly("doc.md:12", "doc.md:18");
    assertThat(blocks.get(0).allowed()).isEmpty();
    assertThat(blocks.get(1).allowed()).isEqualTo(Set.of(404, 409));
  }

  @Test
  void aCurlBlockUnderAnotherFenceIsRefusedUnlessMarkedNotRun() throws Exception {
    assertThatThrownBy(() -> blocks("```sh\ncurl -sS $AR/ok\n```\n"))
        .hasMessageContaining("doc.md:1: a block that calls curl is ```bash");
    assertThat(blocks("<!-- not-run: a transcript -->\n```\ncurl -sS $AR/ok\n```\n")).isEmpty();
    assertThat(blocks("```\nGET /v1/runs HTTP/1.1\n```\n")).isEmpty();
  }

  @Test
  void blocksRunInOneShellAndAnAllowedStatusPasses() throws Exception {
    Outcome outcome = run(DocCurlBlocks.script(blocks(DOC)));

    assertThat(outcome.exitCode()).as(outcome.printed()).isZero();
    assertThat(outcome.printed()).contains("read FINE", "doc-test: every block ran");
  }

  @Test
  void aStatusTheBlockDoesNotAllowFailsTheScriptThereEvenInsideACommandSubstitution()
      throws Exception {
    String doc = DOC.replace("$AR/ok", "$AR/gone");

    Outcome outcome = run(DocCurlBlocks.script(blocks(doc)));

    assertThat(outcome.exitCode()).isNotZero();
    assertThat(outcome.printed())
        .contains("doc-test: block doc.md:12")
        .contains("doc-test: a request answered 404, which its block does not allow")
        .doesNotContain("read ", "doc-test: block doc.md:18", "every block ran");
  }

  @Test
  void aRequestThatGetsNoAnswerFailsTheScript() throws Exception {
    server.stop(0);

    Outcome outcome = run(DocCurlBlocks.script(blocks(DOC)));

    assertThat(outcome.exitCode()).isNotZero();
    assertThat(outcome.printed()).contains("doc-test: curl failed (exit 7)");
  }

  private record Outcome(int exitCode, String printed) {}

  private List<DocCurlBlocks.Block> blocks(String doc) throws Exception {
    Path file = dir.resolve("doc.md");
    Files.writeString(file, doc);
    return DocCurlBlocks.read(file, "doc.md");
  }

  private Outcome run(String script) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder("bash", "-c", script).directory(dir.toFile()).redirectErrorStream(true);
    builder.environment().put("AR", base);
    Process bash = builder.start();
    String printed = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Outcome(bash.exitValue(), printed);
  }
}
