package dev.agentruntime.core.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.Comparator;
import java.util.List;

/**
 * Holds a JSON value to a JSON Schema (draft 2020-12, the dialect the spec's {@code inputSchema}
 * and {@code outputSchema} are documented in), answering what does not hold as readable lines:
 * where (a JSON Pointer into the value), which keyword and why.
 */
public final class JsonSchemaCheck {

  /** The most lines one answer lists; the rest are counted. */
  static final int MAX_LINES = 10;

  private static final JsonSchemaFactory FACTORY =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

  /** Locations as JSON Pointers, as the rest of the API names places in a document. */
  private static final SchemaValidatorsConfig CONFIG =
      SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).build();

  private JsonSchemaCheck() {}

  /** What of {@code value} does not hold to {@code schema}: empty when it holds. */
  public static List<String> violations(JsonNode schema, JsonNode value) {
    JsonSchema compiled = FACTORY.getSchema(schema, CONFIG);
    return compiled.validate(value).stream()
        .sorted(Comparator.comparing(m -> m.getInstanceLocation().toString()))
        .map(JsonSchemaCheck::line)
        .toList();
  }

  /** The violations as one sentence, at most {@value #MAX_LINES} of them. */
  public static String describe(List<String> violations) {
    String listed =
        String.join("; ", violations.subList(0, Math.min(MAX_LINES, violations.size())));
    return violations.size() <= MAX_LINES
        ? listed
        : listed + "; and " + (violations.size() - MAX_LINES) + " more";
  }

  private static String line(ValidationMessage message) {
    String at = message.getInstanceLocation().toString();
    return (at.isEmpty() ? "/" : at) + " (" + message.getType() + "): " + message.getMessage();
  }
}
