package dev.agentruntime.core.spec;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How an agent's loop is driven: by the built-in LangChain4j tool-calling loop, or by an external
 * HTTP agent endpoint (so agents written in any language can be driven).
 *
 * @param type the runtime kind
 * @param endpoint the agent endpoint, required for {@link RuntimeKind#HTTP}, absent otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuntimeSpec(RuntimeKind type, String endpoint) {

  public static RuntimeSpec builtin() {
    return new RuntimeSpec(RuntimeKind.BUILTIN, null);
  }
}
