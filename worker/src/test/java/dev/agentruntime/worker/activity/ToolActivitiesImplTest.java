package dev.agentruntime.worker.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.agentruntime.core.activity.RunObjectKeys;
import dev.agentruntime.core.activity.ToolCallRef;
import dev.agentruntime.core.activity.ToolStepRequest;
import dev.agentruntime.core.activity.ToolStepResult;
import dev.agentruntime.core.run.RunEventTypes;
import dev.agentruntime.core.workflow.RunWorkflowInput;
import dev.agentruntime.worker.TestInfrastructure;
import dev.agentruntime.worker.TestInfrastructure.Event;
import dev.agentruntime.worker.TestSpecs;
import dev.agentruntime.worker.tool.WriteArtifactTool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import io.minio.RemoveObjectArgs;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tool calls against real PostgreSQL and S3, with the model's requests written as transcripts. */
class ToolActivitiesImplTest {

  private static TestInfrastructure infra;
  private ToolActivitiesImpl tools;
  private RunWorkflowInput run;

  @BeforeAll
  static void startServices() {
    infra = TestInfrastructure.get();
  }

  @BeforeEach
  void seedRun() {
    tools = infra.toolActivities(WriteArtifactTool.DEFAULT_MAX_ARTIFACT_BYTES);
    run = infra.seedRun(TestSpecs.demo(), "{\"message\": \"hi\"}");
  }

  @Test
  void unknownToolIsReportedToTheModelAsAnError() {
    ToolStepResult result = call("delete_everything", "{}");

    assertThat(result.error()).isTrue();
    assertThat(resultMessage(result).text())
        .isEqualTo("error: unknown tool 'delete_everything'; available tools: write_artifact");
    assertThat(resultMessage(result).isError()).isTrue();
    assertThat(infra.events(run))
        .extracting(Event::type, Event::key)
        .containsExactly(
            tuple(RunEventTypes.RUN_QUEUED, "run/queued"),
            tuple(RunEventTypes.TOOL_CALL_FAILED, "step-1/tool/0"));
  }

  @Test
  void malformedArgumentsAreReportedToTheModelAsAnError() {
    ToolStepResult result = call(TestSpecs.TOOL, "{not json");

    assertThat(result.error()).isTrue();
    assertThat(resultMessage(result).text()).startsWith("error: arguments are not valid JSON");
    assertThat(infra.artifactRows(run)).isEmpty();
  }

  @Test
  void pathLikeOrReservedArtifactNamesAreRefused() {
    assertThat(call(TestSpecs.TOOL, "{\"name\":\"../../x\",\"content\":\"a\"}").error()).isTrue();
    assertThat(call(TestSpecs.TOOL, "{\"name\":\"output\",\"content\":\"a\"}").error()).isTrue();
    assertThat(infra.artifactRows(run)).isEmpty();
  }

  @Test
  void retriedCallOverwritesInsteadOfDuplicating() {
    String args = "{\"name\":\"report.md\",\"content\":\"# Report\"}";

    ToolStepResult first = call(TestSpecs.TOOL, args);
    ToolStepResult second = call(TestSpecs.TOOL, args);

    assertThat(second.resultKey()).isEqualTo(first.resultKey());
    assertThat(second.error()).isEqualTo(first.error()).isFalse();
    // The retry wrote nothing: it reports no digest, so its reader takes the stored result.
    assertThat(first.resultSha256()).isNotNull();
    assertThat(second.resultSha256()).isNull();
    assertThat(resultMessage(first).text())
        .isEqualTo("saved artifact report.md (text/markdown, 8 bytes)");
    assertThat(infra.artifactRows(run)).hasSize(1);
    assertThat(infra.events(run))
        .extracting(Event::key)
        .containsExactly("run/queued", "step-1/tool/0/artifact", "step-1/tool/0");
    assertThat(
            infra.objects.getText(RunObjectKeys.artifact(run.tenantId(), run.runId(), "report.md")))
        .isEqualTo("# Report");
  }

  @Test
  void retryOfACompletedCallDoesNotRepeatItsEffectAndRebuildsAMissingResult() throws Exception {
    String args = "{\"name\":\"report.md\",\"content\":\"# Report\"}";
    ToolStepResult first = call(TestSpecs.TOOL, args);
    String artifactKey = RunObjectKeys.artifact(run.tenantId(), run.runId(), "report.md");
    // Stand-ins for "the worker died after recording the call": a marker in the object shows
    // whether the effect runs again, and the result message is gone.
    infra.objects.putText(artifactKey, "written once", "text/markdown");
    infra.minio.removeObject(
        RemoveObjectArgs.builder()
            .bucket(infra.objects.bucket())
            .object(first.resultKey())
            .build());

    ToolStepResult retry = call(TestSpecs.TOOL, args);

    assertThat(retry).isEqualTo(first);
    assertThat(infra.objects.getText(artifactKey)).isEqualTo("written once");
    assertThat(resultMessage(retry).text())
        .isEqualTo("saved artifact report.md (text/markdown, 8 bytes)");
    assertThat(infra.events(run)).hasSize(3);
  }

  private ToolStepResult call(String toolName, String arguments) {
    String transcriptKey = RunObjectKeys.transcript(run.tenantId(), run.runId(), 1);
    infra.transcripts.write(
        transcriptKey,
        List.of(
            UserMessage.from("hi"),
            AiMessage.from(
                ToolExecutionRequest.builder()
                    .id("call_1")
                    .name(toolName)
                    .arguments(arguments)
                    .build())));
    return tools.callTool(
        new ToolStepRequest(
            run.tenantId(),
            run.runId(),
            run.agentVersionId(),
            1,
            transcriptKey,
            new ToolCallRef(0, "call_1", toolName)));
  }

  private ToolExecutionResultMessage resultMessage(ToolStepResult result) {
    return (ToolExecutionResultMessage) infra.transcripts.readMessage(result.resultKey());
  }
}
