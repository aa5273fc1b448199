package dev.agentruntime.core.secret;

import dev.agentruntime.core.spec.AgentSpec;
import dev.agentruntime.core.spec.ToolSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every secret reference of a spec, by the field that holds it ({@code model.apiKeyRef}, {@code
 * runtime.apiKeyRef}, {@code tools[2].authRef}), in spec order. The field names are the spec
 * validator's, so a refusal names the same field whichever check made it.
 */
public final class SpecSecrets {

  private SpecSecrets() {}

  /** The parsed references; a field whose text is no reference is left out (the validator's). */
  public static Map<String, SecretRef> of(AgentSpec spec) {
    Map<String, SecretRef> refs = new LinkedHashMap<>();
    if (spec.runtime() != null) {
      put(refs, "runtime.apiKeyRef", spec.runtime().apiKeyRef());
    }
    if (spec.model() != null) {
      put(refs, "model.apiKeyRef", spec.model().apiKeyRef());
    }
    List<ToolSpec> tools = spec.tools();
    for (int i = 0; tools != null && i < tools.size(); i++) {
      if (tools.get(i) != null) {
        put(refs, "tools[" + i + "].authRef", tools.get(i).authRef());
      }
    }
    return refs;
  }

  private static void put(Map<String, SecretRef> refs, String field, String text) {
    SecretRef.parse(text).ifPresent(ref -> refs.put(field, ref));
  }
}
