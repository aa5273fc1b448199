package dev.agentruntime.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Markdown report template: the prose, with {@code {{name}}} placeholders for what a run
 * measured.
 *
 * <p>A placeholder inside a line is replaced by its value. A placeholder alone on its line is a
 * block (table rows, a section): its value replaces the whole line, a final line break of the value
 * is dropped, and an empty value removes the line. Values are inserted as they are, never rendered
 * again. Rendering fails on a placeholder without a value, on a value no placeholder uses (a typo
 * either side), and on a fractional number: numbers are formatted by the caller ({@link Formats}),
 * so that no default locale or precision slips into a report.
 */
public final class Template {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Za-z][A-Za-z0-9_.-]*)}}");

  private final String name;
  private final String text;

  private Template(String name, String text) {
    this.name = name;
    this.text = text;
  }

  /** The template {@code templates/<name>} on the classpath (UTF-8). */
  public static Template load(String name) {
    String resource = "/templates/" + name;
    try (InputStream in = Template.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no template " + resource + " on the classpath");
      }
      return new Template(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read template " + resource, e);
    }
  }

  /** A template from text, named for error messages. */
  public static Template of(String name, String text) {
    return new Template(name, text);
  }

  public String render(Map<String, ?> values) {
    Set<String> unused = new LinkedHashSet<>(values.keySet());
    List<String> out = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      Matcher whole = PLACEHOLDER.matcher(line);
      if (whole.matches()) {
        String value = value(values, whole.group(1), unused);
        if (!value.isEmpty()) {
          out.add(value.endsWith("\n") ? value.substring(0, value.length() - 1) : value);
        }
        continue;
      }
      Matcher m = PLACEHOLDER.matcher(line);
      StringBuilder replaced = new StringBuilder();
      while (m.find()) {
        m.appendReplacement(replaced, Matcher.quoteReplacement(value(values, m.group(1), unused)));
      }
      m.appendTail(replaced);
      out.add(replaced.toString());
    }
    if (!unused.isEmpty()) {
      throw new IllegalArgumentException("template " + name + " has no placeholder for " + unused);
    }
    return String.join("\n", out);
  }

  private String value(Map<String, ?> values, String key, Set<String> unused) {
    if (!values.containsKey(key)) {
      throw new IllegalArgumentException("template " + name + ": no value for {{" + key + "}}");
    }
    unused.remove(key);
    Object value = values.get(key);
    if (value instanceof Double || value instanceof Float) {
      throw new IllegalArgumentException(
          "template " + name + ": {{" + key + "}} is a fractional number; format it first");
    }
    return String.valueOf(value);
  }
}
