package dev.agentruntime.core.run.event;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * {@code tool.call.completed}: call {@code index} of step {@code step} ran. Its JSON is the call's
 * fields and its tool's {@link Effect} side by side in one object (the shape stored since the first
 * tool), so the effect is told by its fields, not by a type name: see {@link
 * ToolCallCompletedJson}.
 */
@JsonSerialize(using = ToolCallCompletedJson.Writer.class)
@JsonDeserialize(using = ToolCallCompletedJson.Reader.class)
public record ToolCallCompleted(int step, int index, String tool, String callId, Effect effect)
    implements RunEventPayload {

  /** A completed call always has its tool's effect: it is what the event is about. */
  public ToolCallCompleted {
    Objects.requireNonNull(effect, "effect");
  }

  /** What a tool of one kind did; each kind's fields are distinct from the others'. */
  @JsonTypeInfo(use = JsonTypeInfo.Id.DEDUCTION)
  @JsonSubTypes({
    @JsonSubTypes.Type(ArtifactWritten.class),
    @JsonSubTypes.Type(HttpResponded.class),
    @JsonSubTypes.Type(McpAnswered.class),
    @JsonSubTypes.Type(ChildRunAnswered.class)
  })
  public sealed interface Effect {}

  /** {@code write_artifact}: the artifact it stored. */
  public record ArtifactWritten(String artifact, String contentType, long sizeBytes)
      implements Effect {}

  /**
   * {@code http_request}: the response's status and size, never its body (it may be large or
   * sensitive); {@code host} is the host of the final URL, after redirects.
   */
  public record HttpResponded(
      String method, String host, int status, int responseBytes, boolean truncated)
      implements Effect {}

  /**
   * {@code agent}: the child run the call started answered (it succeeded); the tree's figures
   * include the child's own children.
   */
  public record ChildRunAnswered(
      UUID childRunId, int treeSteps, long treeTokens, int answerChars, boolean truncated)
      implements Effect {}

  /**
   * {@code mcp}: which server's tool answered, under which pinned definition, and the size of the
   * text the model read; {@code omittedParts} counts the non-text parts left out ("2 image").
   */
  public record McpAnswered(
      String server,
      String mcpTool,
      String definitionSha256,
      int resultChars,
      boolean truncated,
      List<String> omittedParts)
      implements Effect {

    public McpAnswered {
      omittedParts = List.copyOf(omittedParts);
    }
  }
}
