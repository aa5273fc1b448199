package dev.agentruntime.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class SortedKeysJsonTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void sortsKeysAtEveryDepthAndKeepsJacksonNumbers() throws Exception {
    var value = JSON.readTree("{ \"b\": [1, 1.0, {\"d\": null, \"c\": \"x\"}], \"a\": true }");

    assertThat(SortedKeysJson.write(value))
        .isEqualTo("{\"a\":true,\"b\":[1,1.0,{\"c\":\"x\",\"d\":null}]}");
  }

  /**
   * Stored content and request hashes were made with this form; a change to it would make every
   * re-published spec a new version and every retried request a 422, so the value is pinned.
   */
  @Test
  void theHashOfAKnownValueDoesNotChange() throws Exception {
    var value = JSON.readTree("{\"b\":[1,1.0,{\"d\":null,\"c\":\"x\"}],\"a\":true}");

    assertThat(SortedKeysJson.sha256Hex(value))
        .isEqualTo("46110aa23895692a655655f8e11c99d7ce4cb850cf44e73df718391421995faa");
  }

  @Test
  void aMissingValueHashesAsNull() {
    assertThat(SortedKeysJson.write(null)).isEqualTo("null");
  }
}
