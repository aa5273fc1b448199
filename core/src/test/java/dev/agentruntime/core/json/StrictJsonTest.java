package dev.agentruntime.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StrictJsonTest {

  private static final ObjectMapper JSON = StrictJson.mapper();

  record Sample(String name, Integer count, Boolean flag, Double ratio) {}

  private static JsonNode tree(String text) throws Exception {
    return JSON.readTree(text.getBytes(StandardCharsets.UTF_8));
  }

  private static NonInteroperableJsonException refusal(String text) {
    Throwable thrown =
        org.assertj.core.api.Assertions.catchThrowable(
            () -> JSON.readTree(text.getBytes(StandardCharsets.UTF_8)));
    assertThat(thrown).isInstanceOf(NonInteroperableJsonException.class);
    return (NonInteroperableJsonException) thrown;
  }

  @Test
  void numbersEveryReaderHoldsExactlyAreKept() throws Exception {
    assertThat(
            tree(
                "{\"a\":0.1,\"b\":1e15,\"c\":9007199254740991,\"d\":-0.0,"
                    + "\"e\":-9007199254740991,\"f\":2.5e-300}"))
        .hasToString(
            "{\"a\":0.1,\"b\":1.0E15,\"c\":9007199254740991,\"d\":-0.0,"
                + "\"e\":-9007199254740991,\"f\":2.5E-300}");
  }

  @Test
  void theShortestDecimalOfASubnormalIsKeptAsItsDouble() throws Exception {
    // Java prints these doubles with two digits (4.9E-324, 9.9E-324); one names them already.
    assertThat(tree("{\"a\":-5e-324,\"b\":1e-323}"))
        .hasToString("{\"a\":-4.9E-324,\"b\":9.9E-324}");
    assertThat(refusal("{\"a\":5.1e-324}").path()).isEqualTo("a");
  }

  @Test
  void numbersADoubleCannotHoldAreRefusedWithTheirPath() {
    assertThat(refusal("{\"a\":[1,1e400]}").path()).isEqualTo("a[1]");
    assertThat(refusal("{\"a\":{\"b\":1e-400}}").path()).isEqualTo("a.b");
    assertThat(refusal("{\"a\":0.30000000000000000001}").path()).isEqualTo("a");
    assertThat(refusal("{\"a\":1e99999999999}").path()).isEqualTo("a");
    assertThat(refusal("{\"a\":1e-99999999999}").path()).isEqualTo("a");
  }

  @Test
  void numbersBeyondTheSafeIntegerRangeAreRefusedEvenWhenADoubleHoldsThem() {
    assertThat(refusal("{\"a\":9007199254740992}").reason()).contains("2^53-1");
    assertThat(refusal("{\"a\":-9007199254740992}").path()).isEqualTo("a");
    assertThat(refusal("{\"a\":1e22}").path()).isEqualTo("a");
    assertThat(refusal("{\"a\":1152921504606846976}").path()).isEqualTo("a");
  }

  @Test
  void duplicateKeysAreRefusedAtAnyDepth() {
    assertThat(refusal("{\"a\":1,\"a\":1}").reason()).contains("repeats an object key");
    assertThat(refusal("{\"x\":[{\"a\":1},{\"b\":1,\"b\":2}]}").path()).isEqualTo("x[1].b");
    assertThatThrownBy(() -> JSON.readValue("{\"name\":\"a\",\"name\":\"b\"}", Sample.class))
        .isInstanceOf(NonInteroperableJsonException.class);
  }

  @Test
  void sameKeysInSiblingObjectsAreFine() throws Exception {
    assertThat(tree("[{\"a\":1},{\"a\":2}]").size()).isEqualTo(2);
  }

  @Test
  void nulAndLoneSurrogatesAreRefusedInValuesAndKeys() {
    assertThat(refusal("{\"a\":\"x\\u0000y\"}").path()).isEqualTo("a");
    assertThat(refusal("{\"a\":\"\\ud800\"}").reason()).contains("lone surrogate");
    assertThat(refusal("{\"a\":\"\\udc00x\"}").reason()).contains("lone surrogate");
    NonInteroperableJsonException key = refusal("{\"o\":{\"k\\u0000\":1}}");
    assertThat(key.path()).isEqualTo("o");
    assertThat(key.getMessage()).doesNotContain("\u0000");
  }

  @Test
  void surrogatePairsAreText() throws Exception {
    assertThat(tree("{\"a\":\"\\ud83d\\ude00\"}").get("a").asText()).isEqualTo("\uD83D\uDE00");
  }

  @Test
  void bytesThatAreNotUtf8AreRefused() {
    byte[] cesuSurrogate = {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'};
    assertThatThrownBy(() -> JSON.readTree(cesuSurrogate))
        .isInstanceOf(NonInteroperableJsonException.class)
        .hasMessageContaining("UTF-8");
    byte[] latin1 = {'"', (byte) 0xE9, '"'};
    assertThatThrownBy(() -> JSON.readTree(latin1)).isInstanceOf(JsonProcessingException.class);
  }

  @Test
  void scalarsAreNeverCoercedBetweenJsonTypes() {
    assertThatThrownBy(() -> JSON.readValue("{\"name\":12}", Sample.class))
        .isInstanceOf(MismatchedInputException.class);
    assertThatThrownBy(() -> JSON.readValue("{\"name\":true}", Sample.class))
        .isInstanceOf(MismatchedInputException.class);
    assertThatThrownBy(() -> JSON.readValue("{\"count\":1.9}", Sample.class))
        .isInstanceOf(MismatchedInputException.class);
    assertThatThrownBy(() -> JSON.readValue("{\"count\":\"3\"}", Sample.class))
        .isInstanceOf(MismatchedInputException.class);
    assertThatThrownBy(() -> JSON.readValue("{\"flag\":1}", Sample.class))
        .isInstanceOf(MismatchedInputException.class);
    assertThatThrownBy(() -> JSON.readValue("{\"flag\":\"true\"}", Sample.class))
        .isInstanceOf(MismatchedInputException.class);
    assertThatThrownBy(() -> JSON.readValue("{\"ratio\":\"0.5\"}", Sample.class))
        .isInstanceOf(MismatchedInputException.class);
  }

  @Test
  void aWholeNumberInAnyNotationIsAnInteger() throws Exception {
    assertThat(JSON.readValue("{\"count\":3.0}", Sample.class).count()).isEqualTo(3);
    assertThat(JSON.readValue("{\"count\":3e0}", Sample.class).count()).isEqualTo(3);
    assertThat(JSON.readValue("{\"count\":-7}", Sample.class).count()).isEqualTo(-7);
    assertThatThrownBy(() -> JSON.readValue("{\"count\":3.5}", Sample.class))
        .isInstanceOf(MismatchedInputException.class)
        .hasMessageContaining("fraction");
    assertThatThrownBy(() -> JSON.readValue("{\"count\":2147483648}", Sample.class))
        .isInstanceOf(MismatchedInputException.class);
    assertThatThrownBy(() -> JSON.readValue("{\"count\":\"3\"}", Sample.class))
        .isInstanceOf(MismatchedInputException.class);
  }

  @Test
  void anIntegerIsAValidDouble() throws Exception {
    assertThat(JSON.readValue("{\"ratio\":1}", Sample.class).ratio()).isEqualTo(1.0);
  }

  @Test
  void trailingContentAndUnknownFieldsAreRefused() {
    assertThatThrownBy(() -> JSON.readValue("{\"name\":\"a\"} {}", Sample.class))
        .isInstanceOf(JsonProcessingException.class);
    assertThatThrownBy(() -> JSON.readValue("{\"nam\":\"a\"}", Sample.class))
        .isInstanceOf(JsonProcessingException.class);
  }
}
