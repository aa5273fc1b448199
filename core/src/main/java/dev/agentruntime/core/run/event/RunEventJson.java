package dev.agentruntime.core.run.event;

import static dev.agentruntime.core.run.RunEventTypes.*;
import static java.util.Map.entry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentruntime.core.json.StrictJson;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The one serializer of run event payloads: the worker and the API write every payload with it, and
 * read one back with it. The type of an event is not in its payload (it is the event's own column),
 * so this class also holds which record each type's payload is.
 *
 * <p>Reading is strict ({@link StrictJson}): a field a record does not have, or a value of another
 * JSON type, is an error, so a payload that drifted from its record is noticed, not half read.
 */
public final class RunEventJson {

  // Exact decimals: a tree keeps a BigDecimal as written (500, not 5E+2), as the stored payload has
  // it.
  private static final ObjectMapper MAPPER =
      StrictJson.builder().nodeFactory(JsonNodeFactory.withExactBigDecimals(true)).build();

  /** The record of each type of {@link dev.agentruntime.core.run.RunEventTypes}, and only those. */
  private static final Map<String, Class<? extends RunEventPayload>> RECORDS =
      Map.ofEntries(
          entry(RUN_QUEUED, RunQueued.class),
          entry(RUN_STARTED, RunStarted.class),
          entry(MODEL_CALL_COMPLETED, ModelCallCompleted.class),
          entry(MODEL_CALL_FAILED, ModelCallFailed.class),
          entry(AGENT_TURN_COMPLETED, AgentTurnCompleted.class),
          entry(AGENT_TURN_FAILED, AgentTurnFailed.class),
          entry(TOOL_CALL_COMPLETED, ToolCallCompleted.class),
          entry(TOOL_CALL_FAILED, ToolCallFailed.class),
          entry(ARTIFACT_CREATED, ArtifactCreated.class),
          entry(RUN_SUCCEEDED, RunEnded.Succeeded.class),
          entry(RUN_FAILED, RunEnded.Failed.class),
          entry(RUN_TIMED_OUT, RunEnded.TimedOut.class),
          entry(RUN_CANCELLED, RunEnded.Cancelled.class),
          entry(RUN_CANCEL_REQUESTED, ControlRequested.CancelRequested.class),
          entry(RUN_PAUSE_REQUESTED, ControlRequested.PauseRequested.class),
          entry(RUN_RESUME_REQUESTED, ControlRequested.ResumeRequested.class),
          entry(RUN_PAUSED, PauseChanged.Paused.class),
          entry(RUN_RESUMED, PauseChanged.Resumed.class),
          entry(APPROVAL_REQUESTED, ApprovalRequested.class),
          entry(APPROVAL_DECIDED, ApprovalDecided.class),
          entry(CHILD_RUN_STARTED, ChildRunStarted.class),
          entry(TREE_APPROVAL_REQUESTED, DescendantApprovalRequested.class),
          entry(PIPELINE_STEP_ENDED, PipelineStepEnded.class),
          entry(KERNEL_DEPENDENCY_UNAVAILABLE, KernelDependencyUnavailable.class),
          entry(TENANT_BUDGET_SOFT_EXCEEDED, TenantBudgetSoftExceeded.class),
          entry(STEP_REUSED, StepReused.class),
          entry(APPROVAL_CARRIED, ApprovalCarried.class),
          entry(RUN_SEARCH_ATTRIBUTES_MISSING, SearchAttributesMissing.class));

  private static final Map<Class<? extends RunEventPayload>, String> TYPES =
      RECORDS.entrySet().stream()
          .collect(Collectors.toUnmodifiableMap(Map.Entry::getValue, Map.Entry::getKey));

  private RunEventJson() {}

  /** Every event type and the record of its payload. */
  public static Map<String, Class<? extends RunEventPayload>> records() {
    return RECORDS;
  }

  /** The type a payload record is written under. */
  static String typeOf(Class<?> record) {
    String type = TYPES.get(record);
    if (type == null) {
      throw new IllegalStateException(record + " is not the payload of any event type");
    }
    return type;
  }

  /** The payload as a JSON tree. */
  public static ObjectNode tree(RunEventPayload payload) {
    return MAPPER.valueToTree(Objects.requireNonNull(payload, "payload"));
  }

  /** The payload as JSON text, as it is stored. */
  public static String write(RunEventPayload payload) {
    try {
      return MAPPER.writeValueAsString(Objects.requireNonNull(payload, "payload"));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an event payload must always serialize", e);
    }
  }

  /**
   * Reads a stored payload of {@code type} into its record.
   *
   * @throws IllegalArgumentException when the type is unknown or the payload is not its record
   */
  public static RunEventPayload read(String type, JsonNode payload) {
    Class<? extends RunEventPayload> record = RECORDS.get(type);
    if (record == null) {
      throw new IllegalArgumentException("not an event type of RunEventTypes: " + type);
    }
    return read(record, payload);
  }

  /** Reads a stored payload into {@code record}; see {@link #read(String, JsonNode)}. */
  public static <T extends RunEventPayload> T read(Class<T> record, JsonNode payload) {
    try {
      return MAPPER.treeToValue(Objects.requireNonNull(payload, "payload"), record);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "not a payload of " + typeOf(record) + ": " + e.getMessage(), e);
    }
  }

  /** Reads a stored payload's text into {@code record}; see {@link #read(String, JsonNode)}. */
  public static <T extends RunEventPayload> T read(Class<T> record, String payload) {
    try {
      return read(record, MAPPER.readTree(payload));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("a payload of " + typeOf(record) + " is not JSON", e);
    }
  }

  /** Reads a stored payload's text; see {@link #read(String, JsonNode)}. */
  public static RunEventPayload read(String type, String payload) {
    try {
      return read(type, MAPPER.readTree(payload));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("a payload of " + type + " is not JSON", e);
    }
  }
}
