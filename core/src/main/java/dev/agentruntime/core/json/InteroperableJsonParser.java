package dev.agentruntime.core.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * Checks every token as it is read: a string or key may not hold U+0000 (PostgreSQL stores neither
 * in text nor in jsonb) or a lone surrogate (not Unicode; it would be stored as '?'), and a number
 * must be exactly representable as an IEEE 754 double, so no reader, in any language, sees a
 * different number than the one sent (I-JSON, RFC 7493 §2.2). An object may not repeat a key (RFC
 * 7493 §2.3): which of the two would win differs between readers.
 */
final class InteroperableJsonParser extends JsonParserDelegate {

  /** 2^53-1: the largest magnitude up to which a double holds every integer. */
  static final long MAX_SAFE_INTEGER = 9_007_199_254_740_991L;

  private static final BigDecimal MAX_SAFE = BigDecimal.valueOf(MAX_SAFE_INTEGER);

  /** The keys seen so far in each open object, innermost first; arrays push nothing. */
  private final Deque<Set<String>> openObjects = new ArrayDeque<>();

  InteroperableJsonParser(JsonParser delegate) {
    super(delegate);
  }

  @Override
  public JsonToken nextToken() throws IOException {
    JsonToken token = delegate.nextToken();
    if (token != null) {
      check(token);
    }
    return token;
  }

  // The delegate's shortcuts would bypass nextToken(); route them through it.

  @Override
  public JsonToken nextValue() throws IOException {
    JsonToken token = nextToken();
    return token == JsonToken.FIELD_NAME ? nextToken() : token;
  }

  @Override
  public String nextFieldName() throws IOException {
    return nextToken() == JsonToken.FIELD_NAME ? currentName() : null;
  }

  @Override
  public boolean nextFieldName(SerializableString name) throws IOException {
    return nextToken() == JsonToken.FIELD_NAME && name.getValue().equals(currentName());
  }

  @Override
  public String nextTextValue() throws IOException {
    return nextToken() == JsonToken.VALUE_STRING ? getText() : null;
  }

  @Override
  public int nextIntValue(int defaultValue) throws IOException {
    return nextToken() == JsonToken.VALUE_NUMBER_INT ? getIntValue() : defaultValue;
  }

  @Override
  public long nextLongValue(long defaultValue) throws IOException {
    return nextToken() == JsonToken.VALUE_NUMBER_INT ? getLongValue() : defaultValue;
  }

  @Override
  public Boolean nextBooleanValue() throws IOException {
    JsonToken token = nextToken();
    if (token == JsonToken.VALUE_TRUE) {
      return Boolean.TRUE;
    }
    return token == JsonToken.VALUE_FALSE ? Boolean.FALSE : null;
  }

  @Override
  public JsonParser skipChildren() throws IOException {
    // Skipped content is read through nextToken() too, so it is checked and the key sets balance.
    JsonToken start = currentToken();
    if (start != JsonToken.START_OBJECT && start != JsonToken.START_ARRAY) {
      return this;
    }
    int open = 1;
    while (open > 0) {
      JsonToken token = nextToken();
      if (token == null) {
        return this;
      }
      if (token.isStructStart()) {
        open++;
      } else if (token.isStructEnd()) {
        open--;
      }
    }
    return this;
  }

  private void check(JsonToken token) throws IOException {
    switch (token) {
      case START_OBJECT -> openObjects.push(new HashSet<>());
      case END_OBJECT -> openObjects.pop();
      case FIELD_NAME -> {
        String name = currentName();
        checkText(name, true);
        if (!openObjects.isEmpty() && !openObjects.peek().add(name)) {
          throw refuse("repeats an object key (each key may appear once)");
        }
      }
      case VALUE_STRING -> checkText(getText(), false);
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> checkNumber(getText());
      default -> {
        // Structure tokens and literals are exact by construction.
      }
    }
  }

  private void checkText(String text, boolean isKey) throws NonInteroperableJsonException {
    String prefix = isKey ? "has a key that " : "";
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 0) {
        throw refuse(prefix + "contains U+0000, which cannot be stored", isKey);
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
          continue;
        }
        throw refuse(prefix + "contains a lone surrogate (not Unicode text)", isKey);
      }
      if (Character.isLowSurrogate(c)) {
        throw refuse(prefix + "contains a lone surrogate (not Unicode text)", isKey);
      }
    }
  }

  /**
   * A number is kept when every reader sees the same value (RFC 7493 §2.2): its magnitude is at
   * most 2^53-1, where doubles still hold every integer, and a double holds it, either exactly or
   * as the shortest decimal that prints back as it ({@code 0.1}). {@code 9007199254740992}, {@code
   * 1e22}, {@code 1e400}, {@code 1e-400} (zero as a double) and {@code 0.30000000000000000001} are
   * refused.
   */
  private void checkNumber(String text) throws NonInteroperableJsonException {
    double nearest = Double.parseDouble(text);
    if (Double.isInfinite(nearest) || Math.abs(nearest) > MAX_SAFE_INTEGER) {
      throw refuse("is a number beyond ±(2^53-1), which not every reader holds exactly");
    }
    BigDecimal sent;
    try {
      sent = new BigDecimal(text);
    } catch (NumberFormatException e) {
      // An exponent beyond BigDecimal's range: certainly not a double's value.
      throw refuse("is a number that a double (IEEE 754) cannot hold exactly");
    }
    if (sent.abs().compareTo(MAX_SAFE) > 0
        || new BigDecimal(nearest).compareTo(sent) != 0 && !isShortest(sent, nearest)) {
      throw refuse("is a number that a double (IEEE 754) cannot hold exactly");
    }
  }

  /**
   * Whether {@code sent} is the decimal a double reader prints for {@code nearest}. Where one digit
   * names the double, {@link Double#toString} still prints the closest two digits ({@code 4.9E-324}
   * for the smallest subnormal, whose shortest decimal is {@code 5e-324}), so that one digit counts
   * too.
   */
  private static boolean isShortest(BigDecimal sent, double nearest) {
    BigDecimal printed = new BigDecimal(Double.toString(nearest));
    if (printed.compareTo(sent) == 0) {
      return true;
    }
    BigDecimal oneDigit = printed.round(new MathContext(1, RoundingMode.HALF_EVEN));
    return nearest != 0
        && oneDigit.compareTo(sent) == 0
        && Double.parseDouble(oneDigit.toString()) == nearest;
  }

  private NonInteroperableJsonException refuse(String reason) {
    return refuse(reason, false);
  }

  /** A bad key is reported at its object, so the key itself is never echoed. */
  private NonInteroperableJsonException refuse(String reason, boolean atParent) {
    JsonStreamContext context = delegate.getParsingContext();
    if (atParent) {
      context = context.getParent();
    }
    return new NonInteroperableJsonException(delegate, pathOf(context), reason);
  }

  /** The path of the current value in the form violations use: {@code input.items[2].name}. */
  static String pathOf(JsonStreamContext context) {
    Deque<String> parts = new ArrayDeque<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) {
        parts.push("[" + Math.max(c.getCurrentIndex(), 0) + "]");
      } else if (c.getCurrentName() != null) {
        parts.push("." + c.getCurrentName());
      }
    }
    String path = String.join("", parts);
    return path.startsWith(".") ? path.substring(1) : path;
  }
}
