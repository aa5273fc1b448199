package dev.agentruntime.core.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The JSON Canonicalization Scheme (JCS, RFC 8785): one text per JSON value, so that the arguments
 * of a tool call a human approves can be hashed and the approver's hash compared with ours whatever
 * whitespace, key order or number notation either side used.
 *
 * <p>Numbers are the IEEE 754 doubles JCS is defined on; a number node a double does not hold (see
 * {@link #write}) and NaN or Infinity are refused with {@link IllegalArgumentException}, as are
 * lone surrogates (JCS input is I-JSON) and non-JSON nodes (binary, POJO, missing).
 */
public final class CanonicalJson {

  /**
   * The strict reader: input a double cannot hold is refused instead of hashed as another value.
   */
  private static final ObjectMapper STRICT = StrictJson.mapper();

  private CanonicalJson() {}

  /**
   * The canonical text of {@code value}. Integral and decimal nodes are written as the double they
   * denote; they are refused unless that double equals them exactly or its canonical text is their
   * value ({@code 0.1}), so the text never denotes another number than the node. A float node is
   * written as the double it widens to ({@code 0.1f} gives {@code 0.10000000149011612}).
   */
  public static String write(JsonNode value) {
    StringBuilder out = new StringBuilder();
    write(Objects.requireNonNull(value, "value"), out);
    return out.toString();
  }

  /**
   * Reads {@code json} with {@link StrictJson#mapper()} and writes it canonically. Text that is not
   * JSON, or not I-JSON (a number a double does not hold, beyond ±(2^53-1), a duplicate key, a lone
   * surrogate, U+0000), throws {@link IllegalArgumentException} whose cause is the reader's {@link
   * JsonProcessingException} ({@link NonInteroperableJsonException} for I-JSON violations).
   */
  public static String canonicalize(String json) {
    JsonNode tree;
    try {
      tree = STRICT.readTree(Objects.requireNonNull(json, "json"));
    } catch (JsonProcessingException e) {
      // The original message carries no location or source excerpt: arguments may be confidential.
      throw new IllegalArgumentException("Not canonicalizable JSON: " + e.getOriginalMessage(), e);
    }
    if (tree == null || tree.isMissingNode()) {
      throw new IllegalArgumentException("Not canonicalizable JSON: no value");
    }
    return write(tree);
  }

  /** Lowercase hex SHA-256 of the UTF-8 bytes of {@code canonical}. */
  public static String sha256Hex(String canonical) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(canonical.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  private static void write(JsonNode node, StringBuilder out) {
    switch (node.getNodeType()) {
      case OBJECT -> {
        // String.compareTo compares UTF-16 code units, which is the order §3.2.3 asks for.
        List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.properties());
        members.sort(Map.Entry.comparingByKey());
        out.append('{');
        for (int i = 0; i < members.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          string(members.get(i).getKey(), out);
          out.append(':');
          write(members.get(i).getValue(), out);
        }
        out.append('}');
      }
      case ARRAY -> {
        out.append('[');
        for (int i = 0; i < node.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          write(node.get(i), out);
        }
        out.append(']');
      }
      case STRING -> string(node.textValue(), out);
      case NUMBER -> out.append(number(node));
      case BOOLEAN -> out.append(node.booleanValue());
      case NULL -> out.append("null");
      default ->
          throw new IllegalArgumentException(
              "Not a JSON value: " + node.getNodeType() + " node cannot be canonicalized");
    }
  }

  /** §3.2.2.2: the escaping of ECMAScript's JSON.stringify; all else, U+2028 included, as is. */
  private static void string(String text, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\f' -> out.append("\\f");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20) {
            out.append("\\u00").append(HexFormat.of().toHexDigits((byte) c));
          } else if (Character.isSurrogate(c)) {
            // JCS input is I-JSON: a lone surrogate is not text, and its UTF-8 would not be either.
            boolean paired =
                Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (!paired) {
              throw new IllegalArgumentException("A string contains a lone surrogate");
            }
            out.append(c).append(text.charAt(++i));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static String number(JsonNode node) {
    if (node.isDouble() || node.isFloat()) {
      return number(node.doubleValue());
    }
    BigDecimal exact =
        node.isBigDecimal() ? node.decimalValue() : new BigDecimal(node.bigIntegerValue());
    double value = exact.doubleValue();
    String text = number(value);
    // The double must be the node's value, or print as it (0.1): never round 2^53+1 to 2^53.
    if (new BigDecimal(value).compareTo(exact) != 0 && new BigDecimal(text).compareTo(exact) != 0) {
      throw new IllegalArgumentException(
          "The number " + exact + " is not exactly representable as a double");
    }
    return text;
  }

  /** §3.2.2.3: ECMAScript's Number.prototype.toString, from Java's shortest round-trip digits. */
  private static String number(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("NaN and Infinity are not JSON numbers");
    }
    if (value == 0) {
      return "0"; // -0 too
    }
    if (value < 0) {
      return "-" + number(-value);
    }
    // Java prints "123.45" or "1.2345E-7": collect the digits and where the decimal point goes.
    String java = Double.toString(value);
    int e = java.indexOf('E');
    String mantissa = e < 0 ? java : java.substring(0, e);
    int dot = mantissa.indexOf('.');
    String digits = mantissa.substring(0, dot) + mantissa.substring(dot + 1);
    // value = 0.digits × 10^n, which is ECMAScript's n once digits is stripped of zeros.
    int n = dot + (e < 0 ? 0 : Integer.parseInt(java.substring(e + 1)));
    int lead = 0;
    while (digits.charAt(lead) == '0') {
      lead++;
    }
    int end = digits.length();
    while (digits.charAt(end - 1) == '0') {
      end--;
    }
    digits = digits.substring(lead, end);
    n -= lead;
    Decimal shortest = new Decimal(digits, n);
    if (digits.length() == 2) {
      // Java prints at least two digits and may pick 4.9E-324 where one digit, 5e-324, also reads
      // back as the value; ECMAScript wants the fewest digits, so try the one-digit neighbours.
      int d = digits.charAt(0) - '0';
      Decimal down = new Decimal(String.valueOf(d), n);
      Decimal up = d == 9 ? new Decimal("1", n + 1) : new Decimal(String.valueOf(d + 1), n);
      shortest = closest(value, closest(value, shortest, down), up);
    }
    return shortest.layout();
  }

  /** Digits s (k of them, no trailing zero) times 10^(n-k), as in ECMAScript's Number::toString. */
  private record Decimal(String s, int n) {

    BigDecimal value() {
      return new BigDecimal(s + "E" + (n - s.length()));
    }

    boolean readsBackAs(double value) {
      return Double.parseDouble(s + "E" + (n - s.length())) == value;
    }

    /** Steps 6-10 of Number::toString. */
    String layout() {
      int k = s.length();
      if (k <= n && n <= 21) {
        return s + "0".repeat(n - k);
      }
      if (0 < n && n <= 21) {
        return s.substring(0, n) + "." + s.substring(n);
      }
      if (-6 < n && n <= 0) {
        return "0." + "0".repeat(-n) + s;
      }
      int exponent = n - 1;
      String mantissa = k == 1 ? s : s.charAt(0) + "." + s.substring(1);
      return mantissa + "e" + (exponent < 0 ? "-" : "+") + Math.abs(exponent);
    }
  }

  /**
   * Of {@code current} and a one-digit {@code candidate}, the one ECMAScript takes: the candidate
   * if it reads back as {@code value} and has fewer digits or is closer (even digit on a tie).
   */
  private static Decimal closest(double value, Decimal current, Decimal candidate) {
    if (!candidate.readsBackAs(value)) {
      return current;
    }
    if (current.s().length() > 1) {
      return candidate;
    }
    BigDecimal exact = new BigDecimal(value);
    int cmp =
        candidate.value().subtract(exact).abs().compareTo(current.value().subtract(exact).abs());
    boolean even = (candidate.s().charAt(0) - '0') % 2 == 0;
    return cmp < 0 || cmp == 0 && even ? candidate : current;
  }
}
