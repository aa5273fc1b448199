package dev.agentruntime.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.FloatNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

  /** Jackson's lenient reader, for RFC examples the strict reader refuses (1E30 is beyond 2^53). */
  private static final ObjectMapper LENIENT = new ObjectMapper();

  private static String number(double value) {
    return CanonicalJson.write(DoubleNode.valueOf(value));
  }

  private static String bits(long ieee754) {
    return number(Double.longBitsToDouble(ieee754));
  }

  @Test
  void sortsMembersByUtf16CodeUnitsAsInRfc8785Section323() {
    String input =
        "{\"\\u20ac\":\"Euro Sign\",\"\\r\":\"Carriage Return\","
            + "\"\\ufb33\":\"Hebrew Letter Dalet With Dagesh\",\"1\":\"One\","
            + "\"\\ud83d\\ude00\":\"Emoji: Grinning Face\",\"\\u0080\":\"Control\","
            + "\"\\u00f6\":\"Latin Small Letter O With Diaeresis\"}";
    assertThat(CanonicalJson.canonicalize(input))
        .isEqualTo(
            "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                + "\"ö\":\"Latin Small Letter O With Diaeresis\",\"€\":\"Euro Sign\","
                + "\"\uD83D\uDE00\":\"Emoji: Grinning Face\","
                + "\"\uFB33\":\"Hebrew Letter Dalet With Dagesh\"}");
  }

  @Test
  void writesTheRfc8785Section322Example() throws Exception {
    String input =
        "{\"numbers\":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],"
            + "\"string\":\"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\","
            + "\"literals\":[null,true,false]}";
    assertThat(CanonicalJson.write(LENIENT.readTree(input)))
        .isEqualTo(
            "{\"literals\":[null,true,false],"
                + "\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                + "\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
  }

  @Test
  void writesTheNumbersOfRfc8785AppendixB() {
    assertThat(bits(0x0000000000000000L)).isEqualTo("0");
    assertThat(bits(0x8000000000000000L)).isEqualTo("0");
    assertThat(bits(0x0000000000000001L)).isEqualTo("5e-324");
    assertThat(bits(0x8000000000000001L)).isEqualTo("-5e-324");
    assertThat(bits(0x7fefffffffffffffL)).isEqualTo("1.7976931348623157e+308");
    assertThat(bits(0xffefffffffffffffL)).isEqualTo("-1.7976931348623157e+308");
    assertThat(bits(0x4340000000000000L)).isEqualTo("9007199254740992");
    assertThat(bits(0xc340000000000000L)).isEqualTo("-9007199254740992");
    assertThat(bits(0x4430000000000000L)).isEqualTo("295147905179352830000");
    assertThat(bits(0x44b52d02c7e14af5L)).isEqualTo("9.999999999999997e+22");
    assertThat(bits(0x44b52d02c7e14af6L)).isEqualTo("1e+23");
    assertThat(bits(0x44b52d02c7e14af7L)).isEqualTo("1.0000000000000001e+23");
    assertThat(bits(0x444b1ae4d6e2ef4eL)).isEqualTo("999999999999999700000");
    assertThat(bits(0x444b1ae4d6e2ef4fL)).isEqualTo("999999999999999900000");
    assertThat(bits(0x444b1ae4d6e2ef50L)).isEqualTo("1e+21");
    assertThat(bits(0x3eb0c6f7a0b5ed8cL)).isEqualTo("9.999999999999997e-7");
    assertThat(bits(0x3eb0c6f7a0b5ed8dL)).isEqualTo("0.000001");
    assertThat(bits(0x41b3de4355555553L)).isEqualTo("333333333.3333332");
    assertThat(bits(0x41b3de4355555554L)).isEqualTo("333333333.33333325");
    assertThat(bits(0x41b3de4355555555L)).isEqualTo("333333333.3333333");
    assertThat(bits(0x41b3de4355555556L)).isEqualTo("333333333.3333334");
    assertThat(bits(0x41b3de4355555557L)).isEqualTo("333333333.33333343");
    assertThat(bits(0xbecbf647612f3696L)).isEqualTo("-0.0000033333333333333333");
    assertThat(bits(0x43143ff3c1cb0959L)).isEqualTo("1424953923781206.2");
  }

  @Test
  void writesNumbersInEcmaScriptLayout() {
    assertThat(number(1e21)).isEqualTo("1e+21");
    assertThat(number(1e20)).isEqualTo("100000000000000000000");
    assertThat(number(0.000001)).isEqualTo("0.000001");
    assertThat(number(1e-7)).isEqualTo("1e-7");
    assertThat(number(-1e-7)).isEqualTo("-1e-7");
    assertThat(number(-0.0)).isEqualTo("0");
    assertThat(number(5e-324)).isEqualTo("5e-324");
    assertThat(number(1.7976931348623157e308)).isEqualTo("1.7976931348623157e+308");
    assertThat(number(9007199254740992.0)).isEqualTo("9007199254740992");
    assertThat(number(295147905179352830000.0)).isEqualTo("295147905179352830000");
    assertThat(number(1.0)).isEqualTo("1");
    assertThat(number(100)).isEqualTo("100");
    assertThat(number(0.1)).isEqualTo("0.1");
    assertThat(number(1.5)).isEqualTo("1.5");
    assertThat(number(123.456)).isEqualTo("123.456");
    assertThat(number(1.23e-18)).isEqualTo("1.23e-18");
    assertThat(number(1.5e300)).isEqualTo("1.5e+300");
    assertThat(number(12345678.9)).isEqualTo("12345678.9");
    // Java prints 9.9E-324 here; one digit also reads back, and 1e-323 is the closer one.
    assertThat(number(2 * Double.MIN_VALUE)).isEqualTo("1e-323");
  }

  @Test
  void refusesNaNAndInfinity() {
    assertThatThrownBy(() -> number(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> number(Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> number(Double.NEGATIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void writesIntegralAndDecimalNodesAsTheDoubleTheyDenote() {
    assertThat(CanonicalJson.write(LongNode.valueOf(9007199254740992L)))
        .isEqualTo("9007199254740992");
    assertThat(CanonicalJson.write(BigIntegerNode.valueOf(BigInteger.TEN.pow(21))))
        .isEqualTo("1e+21");
    assertThat(CanonicalJson.write(DecimalNode.valueOf(new BigDecimal("4.50")))).isEqualTo("4.5");
    assertThat(CanonicalJson.write(DecimalNode.valueOf(new BigDecimal("0.1")))).isEqualTo("0.1");
    assertThat(CanonicalJson.write(FloatNode.valueOf(0.5f))).isEqualTo("0.5");
  }

  @Test
  void refusesNumberNodesADoubleDoesNotHold() {
    assertThatThrownBy(() -> CanonicalJson.write(LongNode.valueOf(9007199254740993L)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CanonicalJson.write(LongNode.valueOf(Long.MAX_VALUE)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CanonicalJson.write(BigIntegerNode.valueOf(BigInteger.TEN.pow(400))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                CanonicalJson.write(DecimalNode.valueOf(new BigDecimal("0.30000000000000000001"))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CanonicalJson.write(DecimalNode.valueOf(new BigDecimal("1e-400"))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void escapesOnlyQuoteBackslashAndControlCharacters() {
    String text = "\u0000\u0001\b\t\n\u000b\f\r\u001f \"\\/\u007f\u2028\u2029é\uD83D\uDE00";
    assertThat(CanonicalJson.write(TextNode.valueOf(text)))
        .isEqualTo(
            "\"\\u0000\\u0001\\b\\t\\n\\u000b\\f\\r\\u001f \\\"\\\\/\u007f\u2028\u2029é"
                + "\uD83D\uDE00\"");
  }

  @Test
  void refusesLoneSurrogatesInStringsAndKeys() {
    assertThatThrownBy(() -> CanonicalJson.write(TextNode.valueOf("a\uD83D")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CanonicalJson.write(TextNode.valueOf("\uDE00a")))
        .isInstanceOf(IllegalArgumentException.class);
    ObjectNode object = JsonNodeFactory.instance.objectNode();
    object.put("\uDE00\uD83D", 1);
    assertThatThrownBy(() -> CanonicalJson.write(object))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void writesNestedValuesWithoutWhitespace() {
    assertThat(
            CanonicalJson.canonicalize(
                " { \"z\" : [ 1 , [ ] , { } , { \"b\" : 2.0 , \"a\" : [ true , null ] } ] ,\n"
                    + "  \"a\" : { \"y\" : { \"d\" : \"x\" , \"c\" : -0.0 } } } "))
        .isEqualTo(
            "{\"a\":{\"y\":{\"c\":0,\"d\":\"x\"}},\"z\":[1,[],{},{\"a\":[true,null],\"b\":2}]}");
    assertThat(CanonicalJson.canonicalize(" \"text\" ")).isEqualTo("\"text\"");
    assertThat(CanonicalJson.canonicalize("1E2")).isEqualTo("100");
  }

  @Test
  void theSameValueHashesTheSameWhateverItsLayout() {
    String one = "{\"name\":\"rm\",\"args\":{\"path\":\"/tmp/x\",\"force\":true,\"n\":10}}";
    String two =
        "{\n  \"args\" : {\"n\": 1e1, \"force\": true,\n \"path\": \"\\/tmp\\/x\"},\n"
            + "  \"name\": \"\\u0072m\"\n}";
    String hash = CanonicalJson.sha256Hex(CanonicalJson.canonicalize(one));
    assertThat(CanonicalJson.sha256Hex(CanonicalJson.canonicalize(two))).isEqualTo(hash);
    assertThat(
            CanonicalJson.sha256Hex(
                CanonicalJson.canonicalize(one.replace("\"n\":10", "\"n\":11"))))
        .isNotEqualTo(hash);
  }

  @Test
  void hashesTheUtf8BytesAsLowercaseHex() {
    assertThat(CanonicalJson.sha256Hex("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    // Python: hashlib.sha256('{"a":[1,"é",null],"b":true}'.encode()).hexdigest()
    assertThat(
            CanonicalJson.sha256Hex(
                CanonicalJson.canonicalize("{\"b\":true,\"a\":[1,\"é\",null]}")))
        .isEqualTo("abf8cb0768fa2e6baaa487c61a0cb9de9d5c1d9bf0a4e4357ee8f2712318cea1");
  }

  @Test
  void refusesWhatTheStrictReaderRefuses() {
    assertThatThrownBy(() -> CanonicalJson.canonicalize("{\"a\":1,\"a\":2}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasCauseInstanceOf(NonInteroperableJsonException.class);
    assertThatThrownBy(() -> CanonicalJson.canonicalize("{\"a\":1e30}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasCauseInstanceOf(NonInteroperableJsonException.class);
    assertThatThrownBy(() -> CanonicalJson.canonicalize("{\"a\":\"\\ud83d\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasCauseInstanceOf(NonInteroperableJsonException.class);
    assertThatThrownBy(() -> CanonicalJson.canonicalize("{\"a\":1} x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CanonicalJson.canonicalize("{'a':1}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CanonicalJson.canonicalize(""))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesNodesThatAreNotJson() {
    JsonNode binary = JsonNodeFactory.instance.binaryNode(new byte[] {1});
    assertThatThrownBy(() -> CanonicalJson.write(binary))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CanonicalJson.write(JsonNodeFactory.instance.missingNode()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
