package dev.agentruntime.worker.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WriteArtifactArgumentsTest {

  @Test
  void acceptsNameAndContentAndGuessesTheContentType() {
    var args = WriteArtifactArguments.parse("{\"name\":\"notes.md\",\"content\":\"# hi\"}", 100);

    assertThat(args).isEqualTo(new WriteArtifactArguments("notes.md", "# hi", "text/markdown"));
  }

  @Test
  void keepsAnExplicitContentType() {
    var args =
        WriteArtifactArguments.parse(
            "{\"name\":\"data\",\"content\":\"{}\",\"contentType\":\"application/json\"}", 100);

    assertThat(args.contentType()).isEqualTo("application/json");
  }

  @Test
  void refusesPathsHiddenFilesAndTheReservedOutputName() {
    for (String name : new String[] {"../etc/passwd", "a/b", ".hidden", "", "output"}) {
      assertThatThrownBy(
              () ->
                  WriteArtifactArguments.parse(
                      "{\"name\":\"" + name + "\",\"content\":\"x\"}", 100))
          .as(name)
          .isInstanceOf(ToolCallException.class);
    }
  }

  @Test
  void refusesMissingOrNonStringFields() {
    assertThatThrownBy(() -> WriteArtifactArguments.parse("{\"name\":\"a.txt\"}", 100))
        .hasMessage("'content' is required");
    assertThatThrownBy(() -> WriteArtifactArguments.parse("{\"name\":1,\"content\":\"x\"}", 100))
        .hasMessage("'name' must be a string");
    assertThatThrownBy(() -> WriteArtifactArguments.parse("[1]", 100))
        .isInstanceOf(ToolCallException.class);
  }

  @Test
  void refusesContentOverTheLimitInUtf8Bytes() {
    assertThatThrownBy(
            () -> WriteArtifactArguments.parse("{\"name\":\"a.txt\",\"content\":\"ééé\"}", 5))
        .hasMessage("content is 6 bytes; the limit is 5 bytes");
  }

  @Test
  void refusesAMalformedContentType() {
    assertThatThrownBy(
            () ->
                WriteArtifactArguments.parse(
                    "{\"name\":\"a\",\"content\":\"x\",\"contentType\":\"not a type\"}", 100))
        .isInstanceOf(ToolCallException.class);
  }
}
