package dev.agentruntime.core.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Integer fields take a JSON number whose value is an integer, in whatever notation: {@code 3},
 * {@code 3.0} and {@code 3e0} are the same JSON number (RFC 8259 has one number type, and JSON
 * Schema calls {@code 3.0} an integer). A number with a fraction ({@code 1.9}), one out of the
 * field's range, or any other JSON type is refused: never rounded, truncated or parsed from text.
 */
final class IntegralNumbers {

  private IntegralNumbers() {}

  static SimpleModule module() {
    SimpleModule module = new SimpleModule("integral-numbers");
    IntegralDeserializer<Integer> ints =
        new IntegralDeserializer<>(
            Integer.class, Integer.MIN_VALUE, Integer.MAX_VALUE, BigInteger::intValueExact);
    IntegralDeserializer<Long> longs =
        new IntegralDeserializer<>(
            Long.class, Long.MIN_VALUE, Long.MAX_VALUE, BigInteger::longValueExact);
    module.addDeserializer(Integer.class, ints);
    module.addDeserializer(Integer.TYPE, ints);
    module.addDeserializer(Long.class, longs);
    module.addDeserializer(Long.TYPE, longs);
    return module;
  }

  private static final class IntegralDeserializer<T extends Number>
      extends StdScalarDeserializer<T> {

    private final BigInteger min;
    private final BigInteger max;
    private final java.util.function.Function<BigInteger, T> narrow;

    IntegralDeserializer(
        Class<T> type, long min, long max, java.util.function.Function<BigInteger, T> narrow) {
      super(type);
      this.min = BigInteger.valueOf(min);
      this.max = BigInteger.valueOf(max);
      this.narrow = narrow;
    }

    @Override
    public T deserialize(JsonParser p, DeserializationContext context) throws IOException {
      JsonToken token = p.currentToken();
      BigInteger value;
      if (token == JsonToken.VALUE_NUMBER_INT) {
        value = p.getBigIntegerValue();
      } else if (token == JsonToken.VALUE_NUMBER_FLOAT) {
        BigDecimal decimal = new BigDecimal(p.getText());
        try {
          value = decimal.toBigIntegerExact();
        } catch (ArithmeticException fraction) {
          return refuse(p, context, "a whole number (" + p.getText() + " has a fraction)");
        }
      } else {
        return refuse(p, context, "a JSON number");
      }
      if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
        return refuse(p, context, "a number between " + min + " and " + max);
      }
      return narrow.apply(value);
    }

    private T refuse(JsonParser p, DeserializationContext context, String expected)
        throws IOException {
      return context.reportInputMismatch(this, "Expected %s, got %s", expected, p.currentToken());
    }
  }
}
