package dev.agentruntime.api.openapi;

import dev.agentruntime.core.run.RunEventTypes;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Discriminator;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;

/**
 * Describes a run event as a {@code oneOf} keyed by its {@code type}: for every type of {@link
 * RunEventTypes} an {@code <Name>Event} schema whose {@code payload} is the hand-written {@code
 * <Name>Payload} of {@code META-INF/openapi.yaml} (the JSON of core's payload record), and a
 * discriminator mapping the type to it. Built from core's list, so a new event type without its
 * payload schema fails the build instead of being served undescribed.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class RunEventSchemasFilter implements OASFilter {

  static final String RUN_EVENT = "RunEventResponse";

  @Override
  public void filterOpenAPI(OpenAPI openAPI) {
    Map<String, Schema> schemas =
        openAPI.getComponents() == null ? null : openAPI.getComponents().getSchemas();
    if (schemas == null || !schemas.containsKey(RUN_EVENT)) {
      return;
    }
    Schema event = schemas.get(RUN_EVENT);
    Discriminator byType = OASFactory.createDiscriminator().propertyName("type");
    for (String type : RunEventTypes.ALL) {
      String payload = payloadSchema(type);
      if (!schemas.containsKey(payload)) {
        throw new IllegalStateException(
            "META-INF/openapi.yaml has no schema " + payload + " for the event type " + type);
      }
      String ref = SchemaRulesFilter.SCHEMA_REF + eventSchema(type);
      openAPI.getComponents().addSchema(eventSchema(type), envelope(type, payload));
      event.addOneOf(OASFactory.createSchema().ref(ref));
      byType.addMapping(type, ref);
    }
    event.setDiscriminator(byType);
  }

  private static Schema envelope(String type, String payload) {
    return OASFactory.createSchema()
        .addType(SchemaType.OBJECT)
        .description("A `" + type + "` event: its payload is " + payload + ".")
        .required(List.of("type", "payload"))
        .addProperty("type", OASFactory.createSchema().addType(SchemaType.STRING).constValue(type))
        .addProperty(
            "payload", OASFactory.createSchema().ref(SchemaRulesFilter.SCHEMA_REF + payload));
  }

  /** {@code run.cancel_requested} is {@code RunCancelRequested}. */
  static String baseName(String type) {
    StringBuilder name = new StringBuilder();
    for (String word : type.split("[._]")) {
      name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
    }
    return name.toString();
  }

  /** The hand-written schema of the payload of {@code type}. */
  static String payloadSchema(String type) {
    return baseName(type) + "Payload";
  }

  /** The schema of a whole event of {@code type}, one alternative of {@value #RUN_EVENT}. */
  static String eventSchema(String type) {
    return baseName(type) + "Event";
  }
}
