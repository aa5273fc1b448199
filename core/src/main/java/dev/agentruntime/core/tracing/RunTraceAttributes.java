package dev.agentruntime.core.tracing;

import dev.agentruntime.core.workflow.RunWorkflowInput;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import java.util.List;

/**
 * What identifies a run on its spans, and the Langfuse trace attributes derived from it. It travels
 * from the workflow start to the activities as W3C baggage (only these keys: baggage a caller sent
 * to the API is not passed on), so a worker labels its spans without reading the database.
 */
public final class RunTraceAttributes {

  public static final String TENANT = "agent_runtime.tenant";
  public static final String RUN_ID = "agent_runtime.run.id";
  public static final String AGENT = "agent_runtime.agent";
  public static final String AGENT_VERSION = "agent_runtime.agent.version";

  public static final AttributeKey<String> LANGFUSE_TRACE_NAME =
      AttributeKey.stringKey("langfuse.trace.name");
  public static final AttributeKey<String> LANGFUSE_SESSION_ID =
      AttributeKey.stringKey("langfuse.session.id");
  public static final AttributeKey<String> LANGFUSE_USER_ID =
      AttributeKey.stringKey("langfuse.user.id");
  public static final AttributeKey<List<String>> LANGFUSE_TAGS =
      AttributeKey.stringArrayKey("langfuse.trace.tags");
  public static final AttributeKey<String> LANGFUSE_RELEASE =
      AttributeKey.stringKey("langfuse.release");

  private RunTraceAttributes() {}

  /** The run's identity as baggage, built afresh from the workflow input. */
  public static Baggage baggage(RunWorkflowInput input) {
    return Baggage.builder()
        .put(TENANT, input.tenantId())
        .put(RUN_ID, input.runId().toString())
        .put(AGENT, input.agentName())
        .put(AGENT_VERSION, Integer.toString(input.agentVersion()))
        .build();
  }

  /**
   * The run's attributes and Langfuse's trace attributes, from the baggage of the current context.
   * Langfuse groups the traces of a run under its run id (session), attributes them to the tenant
   * (user: the worker never sees the caller's token), and names them after the agent; the release
   * is the agent version ({@code name@version}). Empty when the baggage holds no run (a workflow
   * started without the client interceptor).
   */
  public static Attributes of(Baggage baggage) {
    String tenant = baggage.getEntryValue(TENANT);
    String runId = baggage.getEntryValue(RUN_ID);
    String agent = baggage.getEntryValue(AGENT);
    String version = baggage.getEntryValue(AGENT_VERSION);
    AttributesBuilder out = Attributes.builder();
    if (tenant == null || runId == null || agent == null || version == null) {
      return out.build();
    }
    return out.put(TENANT, tenant)
        .put(RUN_ID, runId)
        .put(AGENT, agent)
        .put(AGENT_VERSION, version)
        .put(LANGFUSE_TRACE_NAME, agent)
        .put(LANGFUSE_SESSION_ID, runId)
        .put(LANGFUSE_USER_ID, tenant)
        .put(LANGFUSE_TAGS, List.of("tenant:" + tenant, "agent:" + agent))
        .put(LANGFUSE_RELEASE, agent + "@" + version)
        .build();
  }
}
