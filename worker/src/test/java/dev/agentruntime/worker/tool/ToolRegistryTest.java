package dev.agentruntime.worker.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentruntime.core.spec.ToolKind;
import dev.agentruntime.worker.tool.mcp.McpTool;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToolRegistryTest {

  private static final Tool WRITE = new WriteArtifactTool(null, 1);
  private static final Tool MCP = new McpTool(null, null);

  @Test
  void everyKindTheSpecAllowsHasItsToolButAgentWhichTheWorkflowRunsAsAChildRun() {
    ToolRegistry registry = new ToolRegistry(List.of(WRITE, new HttpRequestTool(null), MCP));

    for (ToolKind kind : ToolKind.values()) {
      if (kind == ToolKind.AGENT) {
        assertThat(registry.get(kind)).isNull();
        continue;
      }
      assertThat(registry.get(kind)).as(kind.name()).isNotNull();
      assertThat(registry.get(kind).kind()).isEqualTo(kind);
    }
  }

  @Test
  void aWorkerWithTwoToolsForOneKindOrNoneForAKindDoesNotStart() {
    assertThatThrownBy(
            () ->
                new ToolRegistry(
                    List.of(WRITE, new WriteArtifactTool(null, 2), new HttpRequestTool(null))))
        .hasMessageContaining("two tools serve WRITE_ARTIFACT");
    assertThatThrownBy(() -> new ToolRegistry(List.of(WRITE)))
        .hasMessageContaining("no tool serves the kind");
  }
}
