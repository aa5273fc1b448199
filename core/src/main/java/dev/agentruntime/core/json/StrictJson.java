package dev.agentruntime.core.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * Jackson mappers that read JSON exactly as sent or not at all. Clients' JSON is read only through
 * these, so nothing a client sends is stored as something else:
 *
 * <ul>
 *   <li>the text must be I-JSON (RFC 7493): valid UTF-8, no duplicate object keys, no lone
 *       surrogates, and every number exactly representable as an IEEE 754 double (see {@link
 *       InteroperableJsonFactory}); strings must not hold U+0000, which PostgreSQL cannot store;
 *   <li>no coercion between JSON types: a string is never read as a number or boolean, a number or
 *       boolean never as a string, a fraction never as an integer (1.9 is not 1, while 1.0 is: it
 *       is the same JSON number, see {@link IntegralNumbers}), an empty string never as null;
 *   <li>unknown properties and trailing content are errors; {@code null} for an optional field
 *       means the field is absent (it takes its default).
 * </ul>
 */
public final class StrictJson {

  private StrictJson() {}

  /** A builder with every strict setting; callers add their modules and build. */
  public static JsonMapper.Builder builder() {
    JsonMapper.Builder builder =
        JsonMapper.builder(new InteroperableJsonFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .addModule(IntegralNumbers.module());
    builder.withCoercionConfigDefaults(
        config -> {
          config.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
          config.setAcceptBlankAsEmpty(false);
        });
    for (CoercionInputShape scalar :
        new CoercionInputShape[] {
          CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean
        }) {
      builder.withCoercionConfig(
          LogicalType.Textual, config -> config.setCoercion(scalar, CoercionAction.Fail));
    }
    builder.withCoercionConfig(
        LogicalType.Integer,
        config -> {
          config.setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
          config.setCoercion(CoercionInputShape.String, CoercionAction.Fail);
          config.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        });
    builder.withCoercionConfig(
        LogicalType.Float,
        config -> {
          config.setCoercion(CoercionInputShape.String, CoercionAction.Fail);
          config.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        });
    builder.withCoercionConfig(
        LogicalType.Boolean,
        config -> {
          config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
          config.setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
          config.setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        });
    return builder;
  }

  /** A strict mapper without extra modules. */
  public static JsonMapper mapper() {
    return builder().build();
  }
}
