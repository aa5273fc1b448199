package dev.agentruntime.core.spec;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The template language of pipeline inputs and outputs: a JSON value in which every object of the
 * exact form {@code {"$ref": "<JSON Pointer>"}} is replaced by the value that RFC 6901 pointer
 * selects in the document {@code {"input": …, "steps": {"<name>": {"status", "output", "error"}}}}
 * ({@link PipelineInputs}), and every {@code {"$literal": <value>}} by its value as written (so
 * data that itself holds {@code $ref} can be passed on). Everything else is copied. A reference
 * replaces a whole value, never part of a string, so the value keeps its JSON type.
 */
public final class PipelineTemplates {

  public static final String REF = "$ref";
  public static final String LITERAL = "$literal";

  private PipelineTemplates() {}

  /**
   * A reference found in a template.
   *
   * @param path where the {@code $ref} object is in the spec, e.g. {@code
   *     pipeline.steps[2].input.topic}
   * @param pointer the pointer as written
   * @param tokens the pointer's reference tokens, unescaped ({@code ~1} is {@code /}, {@code ~0} is
   *     {@code ~})
   */
  record Ref(String path, String pointer, List<String> tokens) {}

  /**
   * Collects the references of {@code template}, which sits at {@code path} in the spec, into
   * {@code refs}, and what is malformed into {@code out}.
   */
  static void scan(JsonNode template, String path, List<Ref> refs, List<SpecViolation> out) {
    if (template.isArray()) {
      for (int i = 0; i < template.size(); i++) {
        scan(template.get(i), path + "[" + i + "]", refs, out);
      }
      return;
    }
    if (!template.isObject()) {
      return;
    }
    if (template.has(REF) || template.has(LITERAL)) {
      String key = template.has(REF) ? REF : LITERAL;
      if (template.size() != 1) {
        out.add(
            new SpecViolation(
                path,
                "an object with "
                    + key
                    + " must have no other field; to pass such an object on as data, write"
                    + " {\"$literal\": <the object>}"));
      } else if (key.equals(REF)) {
        JsonNode pointer = template.get(REF);
        Optional<List<String>> tokens =
            pointer.isTextual() ? tokens(pointer.asText()) : Optional.empty();
        if (tokens.isEmpty()) {
          out.add(
              new SpecViolation(
                  path,
                  "$ref must be a JSON Pointer (RFC 6901) like \"/input/topic\": it starts with /"
                      + " and escapes only as ~0 (~) and ~1 (/)"));
        } else {
          refs.add(new Ref(path, pointer.asText(), tokens.get()));
        }
      }
      return;
    }
    Iterator<Map.Entry<String, JsonNode>> fields = template.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      scan(field.getValue(), path + "." + field.getKey(), refs, out);
    }
  }

  /**
   * The template with every reference replaced by the value it selects in {@code document}.
   *
   * @param step the step whose input is built, {@code null} for the pipeline's output; for errors
   * @param path where the template is, e.g. {@code input}; for errors
   * @throws PipelineInputException when a pointer selects nothing, or is malformed (a spec that
   *     passed {@link PipelineRules} has none)
   */
  static JsonNode evaluate(JsonNode template, JsonNode document, String step, String path) {
    if (template.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode(template.size());
      for (int i = 0; i < template.size(); i++) {
        copy.add(evaluate(template.get(i), document, step, path + "[" + i + "]"));
      }
      return copy;
    }
    if (!template.isObject()) {
      return template.deepCopy();
    }
    if (template.size() == 1 && template.has(LITERAL)) {
      return template.get(LITERAL).deepCopy();
    }
    if (template.size() == 1 && template.has(REF)) {
      return resolve(template.get(REF), document, step, path);
    }
    ObjectNode copy = JsonNodeFactory.instance.objectNode();
    Iterator<Map.Entry<String, JsonNode>> fields = template.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      copy.set(
          field.getKey(), evaluate(field.getValue(), document, step, path + "." + field.getKey()));
    }
    return copy;
  }

  private static JsonNode resolve(JsonNode pointer, JsonNode document, String step, String path) {
    String text = pointer.isTextual() ? pointer.asText() : pointer.toString();
    Optional<List<String>> tokens = pointer.isTextual() ? tokens(text) : Optional.empty();
    if (tokens.isEmpty()) {
      throw new PipelineInputException(step, path, text, "is not a valid JSON Pointer");
    }
    JsonNode value = document.at(JsonPointer.compile(text));
    if (value.isMissingNode()) {
      throw new PipelineInputException(step, path, text, "selects nothing");
    }
    return value.deepCopy();
  }

  /**
   * The unescaped reference tokens of an RFC 6901 pointer, or empty when it is not one. Jackson
   * reads {@code ~} followed by anything as itself, which RFC 6901 does not allow: a typo like
   * {@code ~2} would silently select a different field.
   */
  static Optional<List<String>> tokens(String pointer) {
    if (!pointer.startsWith("/")) {
      return Optional.empty();
    }
    for (int i = pointer.indexOf('~'); i >= 0; i = pointer.indexOf('~', i + 1)) {
      if (i + 1 >= pointer.length()
          || (pointer.charAt(i + 1) != '0' && pointer.charAt(i + 1) != '1')) {
        return Optional.empty();
      }
    }
    List<String> tokens = new ArrayList<>();
    for (JsonPointer p = JsonPointer.compile(pointer); !p.matches(); p = p.tail()) {
      tokens.add(p.getMatchingProperty());
    }
    return Optional.of(tokens);
  }
}
