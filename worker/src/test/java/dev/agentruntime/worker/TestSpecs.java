package dev.agentruntime.worker;

import dev.agentruntime.core.spec.AgentSpec;
import dev.agentruntime.core.spec.LimitsSpec;
import dev.agentruntime.core.spec.ModelProvider;
import dev.agentruntime.core.spec.ModelSpec;
import dev.agentruntime.core.spec.RetrySpec;
import dev.agentruntime.core.spec.RuntimeKind;
import dev.agentruntime.core.spec.RuntimeSpec;
import dev.agentruntime.core.spec.ToolKind;
import dev.agentruntime.core.spec.ToolSpec;
import java.util.List;

/** Agent specs for tests: fast retries, one write_artifact tool. */
public final class TestSpecs {

  public static final String TOOL = "write_artifact";

  /** Five attempts, 100 ms apart, 10 s each. */
  public static final RetrySpec FAST_RETRY = new RetrySpec(5, 100L, 1.0, 100L, 10);

  private TestSpecs() {}

  public static AgentSpec openAi(String baseUrl) {
    return openAi(baseUrl, new LimitsSpec(null, null, 60));
  }

  public static AgentSpec openAi(String baseUrl, LimitsSpec limits) {
    return spec(new ModelSpec(ModelProvider.OPENAI, "gpt-test", baseUrl, null, 0.0, null), limits);
  }

  /** {@link #openAi} whose tool needs approval, waiting at most {@code approvalSeconds}. */
  public static AgentSpec gated(String baseUrl, LimitsSpec limits, int approvalSeconds) {
    AgentSpec spec = openAi(baseUrl, limits);
    return new AgentSpec(
        spec.runtime(),
        spec.model(),
        spec.instructions(),
        List.of(
            new ToolSpec(
                TOOL, ToolKind.WRITE_ARTIFACT, "Saves a file", true, List.of(), approvalSeconds)),
        spec.limits(),
        spec.retry(),
        spec.inputSchema(),
        spec.outputSchema());
  }

  /** {@link #openAi} whose one tool is {@code http_request} under {@code egressAllowlist}. */
  public static AgentSpec fetching(String baseUrl, List<String> egressAllowlist) {
    AgentSpec spec = openAi(baseUrl);
    return new AgentSpec(
        spec.runtime(),
        spec.model(),
        "Fetch what the user asks for, then answer.",
        List.of(
            new ToolSpec(
                "fetch", ToolKind.HTTP_REQUEST, "Sends an HTTP request", false, egressAllowlist)),
        spec.limits(),
        spec.retry(),
        spec.inputSchema(),
        spec.outputSchema());
  }

  /** {@link #openAi} whose only tools are an mcp entry's. */
  public static AgentSpec mcp(String baseUrl, ToolSpec entry) {
    AgentSpec spec = openAi(baseUrl);
    return new AgentSpec(
        spec.runtime(),
        spec.model(),
        "Use the tools to answer.",
        List.of(entry),
        spec.limits(),
        spec.retry(),
        spec.inputSchema(),
        spec.outputSchema());
  }

  /** {@link #openAi} under {@code limits} whose only tools are {@code tools}. */
  public static AgentSpec withTools(String baseUrl, LimitsSpec limits, ToolSpec... tools) {
    AgentSpec spec = openAi(baseUrl, limits);
    return new AgentSpec(
        spec.runtime(),
        spec.model(),
        "Use the tools to answer.",
        List.of(tools),
        spec.limits(),
        spec.retry(),
        spec.inputSchema(),
        spec.outputSchema());
  }

  /** A tool that runs version 1 of the tenant's agent {@code agent} as a child run. */
  public static ToolSpec subAgent(String name, String agent) {
    return ToolSpec.agent(name, "Asks " + agent, agent, 1, null);
  }

  /** A tool that runs the version the tenant's agent {@code agent}'s alias points at per call. */
  public static ToolSpec subAgentByAlias(String name, String agent, String alias) {
    return ToolSpec.agentByAlias(name, "Asks " + agent, agent, alias, null);
  }

  public static AgentSpec demo() {
    return spec(
        new ModelSpec(ModelProvider.DEMO, null, null, null, null, null),
        new LimitsSpec(null, null, 60));
  }

  private static AgentSpec spec(ModelSpec model, LimitsSpec limits) {
    return new AgentSpec(
        RuntimeSpec.builtin(),
        model,
        "You take notes. Save them with the write_artifact tool, then answer.",
        List.of(new ToolSpec(TOOL, ToolKind.WRITE_ARTIFACT, "Saves a file", false, List.of())),
        limits,
        FAST_RETRY,
        null,
        null);
  }

  /**
   * A version driven by an HTTP agent at {@code endpoint}, offering one write_artifact tool named
   * {@code save_note}; retries 300 ms apart, doubling, so a restarted agent is met in time.
   */
  public static AgentSpec httpAgent(String endpoint, String apiKeyRef, RetrySpec retry) {
    return new AgentSpec(
        new RuntimeSpec(RuntimeKind.HTTP, endpoint, apiKeyRef),
        null,
        "You write notes.",
        List.of(new ToolSpec("save_note", ToolKind.WRITE_ARTIFACT, "Saves a note", false, null)),
        new LimitsSpec(null, null, 60),
        retry,
        null,
        null);
  }

  /** Eight attempts, 300 ms doubling to 3 s apart, 20 s each. */
  public static final RetrySpec AGENT_RETRY = new RetrySpec(8, 300L, 2.0, 3_000L, 20);
}
