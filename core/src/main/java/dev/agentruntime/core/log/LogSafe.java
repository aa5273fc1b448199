package dev.agentruntime.core.log;

/**
 * Makes text from outside (a request, a token, a remote answer) safe to put in a log line: a client
 * can neither start a forged line (CR, LF, U+2028/U+2029, NEL), nor hide text with terminal control
 * sequences, nor write a NUL byte into a log file. Such characters are written as {@code \\uXXXX};
 * a backslash is doubled so an escape in the text cannot pass for one of ours.
 */
public final class LogSafe {

  /** Longer text is cut, so one request cannot flood the log. */
  public static final int MAX_CHARS = 512;

  private LogSafe() {}

  public static String escape(Object value) {
    if (value == null) {
      return "null";
    }
    String text = value.toString();
    StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_CHARS) + 16);
    int end = Math.min(text.length(), MAX_CHARS);
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        out.append("\\\\");
      } else if (needsEscape(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    if (text.length() > MAX_CHARS) {
      out.append("...(").append(text.length() - MAX_CHARS).append(" more chars)");
    }
    return out.toString();
  }

  private static boolean needsEscape(char c) {
    return c < 0x20
        || (c >= 0x7f && c <= 0x9f)
        || c == '\u2028'
        || c == '\u2029'
        || Character.getType(c) == Character.FORMAT;
  }
}
