package dev.agentruntime.core.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How an agent's loop is driven: by the built-in LangChain4j tool-calling loop, by an external HTTP
 * agent endpoint (so agents written in any language can be driven; docs/agent-protocol.md), or as a
 * pipeline of other agents' runs ({@link PipelineSpec}).
 *
 * @param type the runtime kind
 * @param endpoint the agent's base URL, required for {@link RuntimeKind#HTTP}, absent otherwise
 * @param apiKeyRef where the worker finds the bearer token it sends the agent, never the token
 *     itself ({@code env:NAME} or {@code file:/path}); only for {@link RuntimeKind#HTTP}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuntimeSpec(RuntimeKind type, String endpoint, String apiKeyRef) {

  public RuntimeSpec(RuntimeKind type, String endpoint) {
    this(type, endpoint, null);
  }

  public static RuntimeSpec builtin() {
    return new RuntimeSpec(RuntimeKind.BUILTIN, null, null);
  }

  public static RuntimeSpec http(String endpoint) {
    return new RuntimeSpec(RuntimeKind.HTTP, endpoint, null);
  }

  public static RuntimeSpec pipeline() {
    return new RuntimeSpec(RuntimeKind.PIPELINE, null, null);
  }

  @JsonIgnore // derived, not a field of the stored JSON
  public boolean isHttp() {
    return type == RuntimeKind.HTTP;
  }
}
