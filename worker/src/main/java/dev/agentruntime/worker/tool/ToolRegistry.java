package dev.agentruntime.worker.tool;

import dev.agentruntime.core.spec.ToolKind;
import io.quarkus.arc.All;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The tools this worker can run, by kind. A kind the spec allows but no tool serves is a bug. */
@Singleton
public class ToolRegistry {

  private final Map<ToolKind, Tool> byKind = new EnumMap<>(ToolKind.class);

  @Inject
  public ToolRegistry(@All List<Tool> tools) {
    for (Tool tool : tools) {
      Tool previous = byKind.put(tool.kind(), tool);
      if (previous != null) {
        throw new IllegalStateException(
            "two tools serve " + tool.kind() + ": " + previous + " and " + tool);
      }
    }
    for (ToolKind kind : ToolKind.values()) {
      // A call of kind agent is a child run, which the workflow runs (ChildRunActivities).
      if (kind != ToolKind.AGENT && !byKind.containsKey(kind)) {
        throw new IllegalStateException("no tool serves the kind " + kind);
      }
    }
  }

  public Tool get(ToolKind kind) {
    return byKind.get(kind);
  }
}
