package dev.agentruntime.api.openapi;

import dev.agentruntime.core.approval.ApprovalStatus;
import dev.agentruntime.core.run.RunEventTypes;
import dev.agentruntime.core.run.RunStatus;
import dev.agentruntime.core.webhook.WebhookEventTypes;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Makes the scanned schemas say what the JSON reader and the services enforce, by rules that hold
 * for every body, so they stay true as records are added:
 *
 * <ul>
 *   <li>request bodies are closed ({@code quarkus.jackson.fail-on-unknown-properties}); their
 *       optional fields also take {@code null}, which Jackson reads as absent (request records use
 *       boxed types for optional fields); their strings cannot hold U+0000;
 *   <li>{@code @NotBlank} means "not only characters up to U+0020" (Hibernate Validator trims), not
 *       the {@code \S} SmallRye writes;
 *   <li>an {@code int} cannot hold more than 2^31-1, so integers say their range;
 *   <li>every field of a 2xx body is present (records are written whole, nulls included);
 *   <li>enums whose values are fixed in {@code core} are listed from there (also the {@code status}
 *       filters of the run and approval listings).
 * </ul>
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class SchemaRulesFilter implements OASFilter {

  static final String SCHEMA_REF = "#/components/schemas/";
  static final String NO_NUL = "^[^\\u0000]*$";
  static final String NOT_BLANK = "^[^\\u0000]*[^\\u0000-\\u0020][^\\u0000]*$";
  static final String UUID =
      "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

  @Override
  public void filterOpenAPI(OpenAPI openAPI) {
    Map<String, Schema> schemas =
        openAPI.getComponents() == null ? null : openAPI.getComponents().getSchemas();
    if (schemas == null || openAPI.getPaths() == null) {
      return;
    }
    Set<String> requests = new LinkedHashSet<>();
    Set<String> responses = new LinkedHashSet<>();
    List<Parameter> parameters = new ArrayList<>();
    openAPI
        .getPaths()
        .getPathItems()
        .forEach(
            (path, item) -> {
              if (item.getParameters() != null) {
                parameters.addAll(item.getParameters());
              }
              for (Operation operation : item.getOperations().values()) {
                if (operation.getParameters() != null) {
                  parameters.addAll(operation.getParameters());
                }
                if (operation.getRequestBody() != null) {
                  collect(operation.getRequestBody().getContent().getMediaTypes(), requests);
                }
                if (operation.getResponses() != null) {
                  operation
                      .getResponses()
                      .getAPIResponses()
                      .forEach((status, response) -> collectSuccess(status, response, responses));
                }
              }
            });
    Schema uuid = schemas.get("UUID");
    if (uuid != null) {
      uuid.setPattern(UUID);
    }
    // Objects only ever sent inside another request body: as closed as it is.
    requests.addAll(NESTED_IN_REQUESTS);
    for (String name : requests) {
      Schema schema = schemas.get(name);
      // Hand-written schemas (the agent spec) already say all of this.
      if (schema != null && schema.getAdditionalPropertiesBoolean() == null) {
        closeRequest(schema);
      }
    }
    // Objects only ever answered inside another answer: their fields are as present as its own.
    responses.addAll(NESTED_IN_RESPONSES);
    for (String name : responses) {
      Schema schema = schemas.get(name);
      if (schema != null && schema.getProperties() != null) {
        List<String> required = new ArrayList<>(schema.getProperties().keySet());
        required.removeAll(OPTIONAL_IN_RESPONSES.getOrDefault(name, Set.of()));
        schema.setRequired(required);
      }
    }
    parameters.forEach(p -> boundIntegers(p.getSchema()));
    RunRequestSchemas.createRun(schemas.get("CreateRunRequest"));
    RunRequestSchemas.replay(schemas.get("ReplayRunRequest"));
    enumerate(schemas.get("RunResponse"), "status", runStatuses());
    enumerate(schemas.get("RunTreeNode"), "status", runStatuses());
    enumerate(schemas.get("LineageRun"), "status", runStatuses());
    enumerate(schemas.get("ComparedRun"), "status", runStatuses());
    statusFilter(openAPI.getPaths().getPathItem("/v1/runs"), runStatuses());
    statusFilter(
        openAPI.getPaths().getPathItem("/v1/approvals"), new ArrayList<>(ApprovalStatus.ALL));
    enumerate(schemas.get("RunEventResponse"), "type", eventTypes());
    for (String name : List.of("CreateWebhookRequest", "UpdateWebhookRequest", "WebhookResponse")) {
      enumerateItems(schemas.get(name), "eventTypes", webhookEventTypes());
    }
    enumerate(schemas.get("WebhookDeliveryResponse"), "type", webhookEventTypes());
  }

  /**
   * Schemas answered only as a field of another answer (a run's output, its pending control, its
   * source, a tree's runs, a lineage's runs, a comparison's parts, a schedule's events and their
   * payloads, a transcript's messages).
   */
  /** Schemas of request bodies' fields (an alias's canary), closed as the bodies are. */
  private static final Set<String> NESTED_IN_REQUESTS = Set.of("AliasCanary");

  private static final Set<String> NESTED_IN_RESPONSES =
      Set.of(
          "RunOutput",
          "ControlRequest",
          "RunTreeNode",
          "RunTreeTotals",
          "UsageTotals",
          "UsageGroup",
          "ScheduleState",
          "ScheduleEventResponse",
          "FiresMissed",
          "FileChange",
          "AliasMove",
          "AliasTarget",
          "RunSourceResponse",
          "LineageRun",
          "ComparedRun",
          "RunDifferences",
          "StepComparison",
          "StepSummary",
          "StepToolCall",
          "TranscriptMessage",
          "TranscriptToolCall");

  /**
   * Response properties that are not always present; every other one always is. A run's approvals
   * are shown only when one run is read, not in listings; a trigger's secret only in the answer to
   * its creation; a schedule's Temporal state only when Temporal was asked and answered (one
   * schedule read, not a listing).
   */
  private static final Map<String, Set<String>> OPTIONAL_IN_RESPONSES =
      Map.of(
          "RunResponse",
          Set.of("approvals"),
          "TriggerResponse",
          Set.of("secret"),
          "ScheduleResponse",
          Set.of("state"),
          "WebhookResponse",
          Set.of("secret"));

  private static void collect(Map<String, MediaType> content, Set<String> into) {
    if (content == null) {
      return;
    }
    content.values().forEach(media -> collectRefs(media.getSchema(), into));
  }

  private static void collectSuccess(String status, APIResponse response, Set<String> into) {
    if (status.startsWith("2") && response.getContent() != null) {
      collect(response.getContent().getMediaTypes(), into);
    }
  }

  private static void collectRefs(Schema schema, Set<String> into) {
    if (schema == null) {
      return;
    }
    if (schema.getRef() != null && schema.getRef().startsWith(SCHEMA_REF)) {
      into.add(schema.getRef().substring(SCHEMA_REF.length()));
    }
    collectRefs(schema.getItems(), into);
  }

  private static void closeRequest(Schema schema) {
    schema.setAdditionalPropertiesBoolean(Boolean.FALSE);
    if (schema.getProperties() == null) {
      return;
    }
    List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
    schema
        .getProperties()
        .forEach(
            (name, property) -> {
              boundIntegers(property);
              if (isType(property, SchemaType.STRING)) {
                property.setPattern(stringPattern(property.getPattern()));
              }
              if (!required.contains(name)) {
                schema.addProperty(name, nullable(property));
              }
            });
  }

  private static String stringPattern(String scanned) {
    if (scanned == null) {
      return NO_NUL;
    }
    // SmallRye's rendering of @NotBlank; Hibernate Validator refuses a string that trims to "".
    return "\\S".equals(scanned) ? NOT_BLANK : scanned;
  }

  private static void boundIntegers(Schema schema) {
    if (schema == null || !isType(schema, SchemaType.INTEGER)) {
      return;
    }
    boolean int32 = !"int64".equals(schema.getFormat());
    if (schema.getMinimum() == null && schema.getExclusiveMinimum() == null) {
      schema.setMinimum(BigDecimal.valueOf(int32 ? Integer.MIN_VALUE : -(1L << 53) + 1));
    }
    if (schema.getMaximum() == null && schema.getExclusiveMaximum() == null) {
      schema.setMaximum(BigDecimal.valueOf(int32 ? Integer.MAX_VALUE : (1L << 53) - 1));
    }
  }

  /** The property or, when it is a reference, a choice between it and null. */
  private static Schema nullable(Schema property) {
    if (property.getRef() != null) {
      return OASFactory.createSchema()
          .addAnyOf(property)
          .addAnyOf(OASFactory.createSchema().addType(SchemaType.NULL));
    }
    if (property.getType() != null && !property.getType().contains(SchemaType.NULL)) {
      property.addType(SchemaType.NULL);
    }
    return property;
  }

  private static void enumerate(Schema schema, String property, List<Object> values) {
    if (schema != null && schema.getProperties() != null) {
      Schema target = schema.getProperties().get(property);
      if (target != null) {
        target.setEnumeration(values);
      }
    }
  }

  /** The items of an array property take {@code values} only. */
  private static void enumerateItems(Schema schema, String property, List<Object> values) {
    if (schema != null && schema.getProperties() != null) {
      Schema target = schema.getProperties().get(property);
      if (target != null && target.getItems() != null) {
        target.getItems().setEnumeration(values);
      }
    }
  }

  /** {@link WebhookEventTypes#ALL}, the types a webhook can ask for (and the fan-out's domain). */
  static List<Object> webhookEventTypes() {
    return new ArrayList<>(WebhookEventTypes.ORDERED);
  }

  /**
   * A listing's {@code status} filter takes the statuses its items can have, and nothing else: the
   * runs' repeats (an array of them), the approvals' is one.
   */
  private static void statusFilter(PathItem listing, List<Object> statuses) {
    if (listing == null || listing.getGET() == null || listing.getGET().getParameters() == null) {
      return;
    }
    for (Parameter parameter : listing.getGET().getParameters()) {
      Schema schema = parameter.getSchema();
      if ("status".equals(parameter.getName()) && schema != null) {
        (schema.getItems() != null ? schema.getItems() : schema).setEnumeration(statuses);
      }
    }
  }

  static List<Object> runStatuses() {
    return Arrays.stream(RunStatus.values()).map(s -> (Object) s.wireName()).toList();
  }

  /** {@link RunEventTypes#ALL}, the only types the API and the worker append. */
  static List<Object> eventTypes() {
    return new ArrayList<>(RunEventTypes.ALL);
  }

  private static boolean isType(Schema schema, SchemaType type) {
    return schema.getType() != null && schema.getType().contains(type);
  }
}
