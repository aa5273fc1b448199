package dev.agentruntime.worker.tool;

import dev.agentruntime.core.run.RunEventKeys;
import dev.agentruntime.core.run.event.ToolCallCompleted;
import dev.agentruntime.core.run.event.ToolCallCompleted.ArtifactWritten;
import dev.agentruntime.core.spec.ToolKind;
import dev.agentruntime.storage.StoredObject;
import dev.agentruntime.worker.activity.ArtifactWriter;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** {@code write_artifact}: stores a text file as an artifact of the run. */
@Singleton
public class WriteArtifactTool implements Tool {

  public static final long DEFAULT_MAX_ARTIFACT_BYTES = 10L * 1024 * 1024;

  private final ArtifactWriter artifacts;
  private final long maxArtifactBytes;

  @Inject
  public WriteArtifactTool(
      ArtifactWriter artifacts,
      @ConfigProperty(name = "agent-runtime.tools.max-artifact-bytes") long maxArtifactBytes) {
    this.artifacts = artifacts;
    this.maxArtifactBytes = maxArtifactBytes;
  }

  @Override
  public ToolKind kind() {
    return ToolKind.WRITE_ARTIFACT;
  }

  @Override
  public ToolResult execute(ToolCall call) {
    WriteArtifactArguments args = WriteArtifactArguments.parse(call.arguments(), maxArtifactBytes);
    StoredObject object =
        artifacts.write(
            call.tenantId(),
            call.runId(),
            args.name(),
            args.content(),
            args.contentType(),
            RunEventKeys.toolArtifact(call.effectKey()));
    return new ToolResult(
        describe(args.name(), args.contentType(), object.sizeBytes()),
        new ArtifactWritten(args.name(), args.contentType(), object.sizeBytes()));
  }

  @Override
  public String recordedResult(ToolCallCompleted.Effect recorded) {
    return recorded instanceof ArtifactWritten written
        ? describe(written.artifact(), written.contentType(), written.sizeBytes())
        : "completed";
  }

  private static String describe(String name, String contentType, long sizeBytes) {
    return "saved artifact " + name + " (" + contentType + ", " + sizeBytes + " bytes)";
  }
}
