package dev.agentruntime.core.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The immutable specification of one agent version: how it runs, which model it calls, which tools
 * it may use and within which limits. Instances are only trusted after {@link
 * AgentSpecValidator#validate(AgentSpec)} returned no violations; nested parts may be {@code null}
 * before that.
 *
 * @param runtime how the agent loop is driven
 * @param model the model the built-in loop calls
 * @param instructions the system prompt
 * @param tools the tools the model may call, each with its own policy
 * @param limits step, token and time budget of one run
 * @param retry timeout and retry policy of every activity of a run
 * @param inputSchema optional JSON schema of a run's input, kept for clients and documentation
 * @param outputSchema optional JSON schema of a run's output, kept for clients and documentation
 * @param pipeline the steps of runtime {@link RuntimeKind#PIPELINE}, which has no model,
 *     instructions or tools; {@code null} for every other runtime, so their canonical JSON (and
 *     content hash) is what it was before pipelines existed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgentSpec(
    RuntimeSpec runtime,
    ModelSpec model,
    String instructions,
    List<ToolSpec> tools,
    LimitsSpec limits,
    RetrySpec retry,
    JsonNode inputSchema,
    JsonNode outputSchema,
    PipelineSpec pipeline) {

  public AgentSpec {
    tools = tools == null ? List.of() : List.copyOf(tools);
  }

  /** A spec of the built-in or the HTTP runtime: no pipeline. */
  public AgentSpec(
      RuntimeSpec runtime,
      ModelSpec model,
      String instructions,
      List<ToolSpec> tools,
      LimitsSpec limits,
      RetrySpec retry,
      JsonNode inputSchema,
      JsonNode outputSchema) {
    this(runtime, model, instructions, tools, limits, retry, inputSchema, outputSchema, null);
  }

  public RuntimeSpec runtimeOrDefault() {
    return runtime == null ? RuntimeSpec.builtin() : runtime;
  }

  public LimitsSpec limitsOrDefault() {
    return limits == null ? new LimitsSpec(null, null, null) : limits;
  }

  public RetrySpec retryOrDefault() {
    return retry == null ? new RetrySpec(null, null, null, null, null) : retry;
  }

  /**
   * The entry that serves the model-facing tool {@code name}, or {@code null}: the tool of that
   * name, or the mcp entry that lists it in its {@code allowedTools}.
   */
  public ToolSpec tool(String name) {
    return tools.stream().filter(t -> t.toolNames().contains(name)).findFirst().orElse(null);
  }

  /**
   * Every other agent of the tenant this spec names (its tools of kind agent, then its pipeline's
   * steps), for the checks against the tenant's agents; entries the validator refuses for lack of
   * an agent or a version are left out, so that one answer can name every field.
   */
  public List<AgentReference> agentReferences() {
    List<AgentReference> out = new ArrayList<>(SubAgentToolRules.references(this));
    if (pipeline != null) {
      out.addAll(pipeline.agentReferences());
    }
    return out;
  }

  /** Every model-facing tool name, in the order of the entries. */
  public List<String> toolNames() {
    return tools.stream().flatMap(t -> t.toolNames().stream()).toList();
  }
}
