package dev.agentruntime.core.spec;

import dev.agentruntime.core.secret.SecretRef;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks an {@link AgentSpec} against the rules the worker relies on. A spec is accepted only when
 * this returns no violations, so a version can never be published that the worker cannot run.
 */
public final class AgentSpecValidator {

  public static final int MAX_TOOLS = 32;
  public static final int MAX_INSTRUCTIONS_CHARS = 100_000;
  static final Pattern TOOL_NAME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9_-]{0,63}$");

  private AgentSpecValidator() {}

  public static List<SpecViolation> validate(AgentSpec spec) {
    List<SpecViolation> out = new ArrayList<>();
    if (spec == null) {
      out.add(new SpecViolation("spec", "is required"));
      return out;
    }
    RuntimeSpec runtime = spec.runtimeOrDefault();
    validateRuntime(runtime, out);
    PipelineRules.validate(spec, runtime.type(), out);
    if (runtime.type() != RuntimeKind.PIPELINE) {
      // A pipeline has none: its steps' agents bring their own (PipelineRules refuses them).
      validateModelAndInstructions(spec, runtime, out);
    }
    validateTools(spec.tools(), out);
    validateLimits(spec.limitsOrDefault(), out);
    validateRetry(spec.retryOrDefault(), out);
    if (spec.inputSchema() != null && !spec.inputSchema().isObject()) {
      out.add(new SpecViolation("inputSchema", "must be a JSON object (a JSON schema)"));
    }
    if (spec.outputSchema() != null && !spec.outputSchema().isObject()) {
      out.add(new SpecViolation("outputSchema", "must be a JSON object (a JSON schema)"));
    }
    return out;
  }

  private static void validateModelAndInstructions(
      AgentSpec spec, RuntimeSpec runtime, List<SpecViolation> out) {
    if (runtime.isHttp()) {
      // The agent behind the endpoint brings its own model; a model here would be ignored.
      if (spec.model() != null) {
        out.add(
            new SpecViolation(
                "model",
                "is not used by runtime type http (the agent chooses its model); omit it"));
      }
    } else {
      validateModel(spec.model(), out);
    }
    if (spec.instructions() == null) {
      if (!runtime.isHttp()) {
        out.add(new SpecViolation("instructions", "is required"));
      }
    } else if (spec.instructions().isBlank()) {
      out.add(new SpecViolation("instructions", "must not be blank"));
    } else if (chars(spec.instructions()) > MAX_INSTRUCTIONS_CHARS) {
      out.add(
          new SpecViolation(
              "instructions", "must be at most " + MAX_INSTRUCTIONS_CHARS + " chars"));
    }
  }

  private static void validateRuntime(RuntimeSpec runtime, List<SpecViolation> out) {
    if (runtime.type() == null) {
      out.add(new SpecViolation("runtime.type", "is required: builtin, http or pipeline"));
      return;
    }
    if (runtime.type() == RuntimeKind.HTTP) {
      if (runtime.endpoint() == null) {
        out.add(new SpecViolation("runtime.endpoint", "is required with runtime type http"));
      } else if (!isEndpointUrl(runtime.endpoint())) {
        out.add(
            new SpecViolation(
                "runtime.endpoint",
                "must be an absolute http or https URL without user info, query or fragment"));
      }
      if (runtime.apiKeyRef() != null && !isSecretRef(runtime.apiKeyRef())) {
        out.add(
            new SpecViolation(
                "runtime.apiKeyRef",
                "must be a secret reference like secret:AGENT_TOKEN (a secret of the tenant), env:NAME or file:/path (a platform secret the operator granted), never the token itself"));
      }
      return;
    }
    if (runtime.endpoint() != null) {
      out.add(new SpecViolation("runtime.endpoint", "is only allowed with runtime type http"));
    }
    if (runtime.apiKeyRef() != null) {
      out.add(new SpecViolation("runtime.apiKeyRef", "is only allowed with runtime type http"));
    }
  }

  private static void validateModel(ModelSpec model, List<SpecViolation> out) {
    if (model == null) {
      out.add(new SpecViolation("model", "is required"));
      return;
    }
    if (model.provider() == null) {
      out.add(
          new SpecViolation("model.provider", "is required: openai, ollama, anthropic or demo"));
      return;
    }
    if (model.provider() != ModelProvider.DEMO && isBlank(model.name())) {
      out.add(new SpecViolation("model.name", "is required"));
    }
    if (model.baseUrl() != null && !isHttpUrl(model.baseUrl())) {
      out.add(new SpecViolation("model.baseUrl", "must be an absolute http or https URL"));
    }
    if (model.apiKeyRef() != null && !isSecretRef(model.apiKeyRef())) {
      out.add(
          new SpecViolation(
              "model.apiKeyRef",
              "must be a secret reference like secret:OPENAI_API_KEY (a secret of the tenant), env:NAME or file:/path (a platform secret the operator granted), never the key itself"));
    }
    if (model.provider() == ModelProvider.ANTHROPIC && model.apiKeyRef() == null) {
      out.add(new SpecViolation("model.apiKeyRef", "is required for provider anthropic"));
    }
    if (model.provider() == ModelProvider.OPENAI
        && model.apiKeyRef() == null
        && model.baseUrl() == null) {
      out.add(
          new SpecViolation(
              "model.apiKeyRef", "is required for provider openai unless baseUrl names a server"));
    }
    if (model.temperature() != null && (model.temperature() < 0 || model.temperature() > 2)) {
      out.add(new SpecViolation("model.temperature", "must be between 0 and 2"));
    }
    if (model.maxOutputTokens() != null
        && (model.maxOutputTokens() < 1 || model.maxOutputTokens() > 1_000_000)) {
      out.add(new SpecViolation("model.maxOutputTokens", "must be between 1 and 1000000"));
    }
  }

  private static void validateTools(List<ToolSpec> tools, List<SpecViolation> out) {
    if (tools.size() > MAX_TOOLS) {
      out.add(new SpecViolation("tools", "must list at most " + MAX_TOOLS + " tools"));
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < tools.size(); i++) {
      ToolSpec tool = tools.get(i);
      String at = "tools[" + i + "]";
      if (tool == null) {
        out.add(new SpecViolation(at, "must not be null"));
        continue;
      }
      if (tool.name() == null || !TOOL_NAME.matcher(tool.name()).matches()) {
        out.add(new SpecViolation(at + ".name", "must match " + TOOL_NAME.pattern()));
      } else if (!names.add(tool.name())) {
        out.add(new SpecViolation(at + ".name", "duplicates another tool's name"));
      }
      if (tool.kind() == null) {
        out.add(
            new SpecViolation(
                at + ".kind", "is required: write_artifact, http_request, mcp or agent"));
      } else if (tool.kind().reachesNetwork() && tool.egressAllowlist().isEmpty()) {
        out.add(
            new SpecViolation(
                at + ".egressAllowlist",
                "must name at least one host: a network tool may reach nothing else"));
      }
      if (tool.description() != null && chars(tool.description()) > 2_000) {
        out.add(new SpecViolation(at + ".description", "must be at most 2000 chars"));
      }
      if (tool.approvalTimeoutSeconds() != null) {
        if (!tool.requiresApproval()) {
          out.add(
              new SpecViolation(
                  at + ".approvalTimeoutSeconds", "applies only with requiresApproval: true"));
        } else {
          range(out, at + ".approvalTimeoutSeconds", tool.approvalTimeoutSeconds(), 1, 604_800);
        }
      }
      for (int h = 0; h < tool.egressAllowlist().size(); h++) {
        String host = tool.egressAllowlist().get(h);
        if (host == null || !EgressEntries.isValid(host)) {
          out.add(
              new SpecViolation(
                  at + ".egressAllowlist[" + h + "]",
                  "must be [http://]host[:port], *.domain[:port] or an IP literal (see docs/security.md)"));
        }
      }
      McpToolRules.validate(tool, at, out);
      SubAgentToolRules.validate(tool, at, out);
    }
    McpToolRules.validateModelFacingNames(tools, out);
  }

  private static void validateLimits(LimitsSpec limits, List<SpecViolation> out) {
    range(out, "limits.maxSteps", limits.maxStepsOrDefault(), 1, 100);
    range(out, "limits.maxTokens", limits.maxTokensOrDefault(), 1, 10_000_000);
    range(out, "limits.timeoutSeconds", limits.timeoutSecondsOrDefault(), 1, 86_400);
    range(out, "limits.maxDepth", limits.maxDepthOrDefault(), 0, LimitsSpec.MAX_DEPTH);
    range(out, "limits.maxChildren", limits.maxChildrenOrDefault(), 0, 100);
  }

  private static void validateRetry(RetrySpec retry, List<SpecViolation> out) {
    range(out, "retry.maxAttempts", retry.maxAttemptsOrDefault(), 1, 100);
    range(
        out, "retry.initialIntervalMillis", retry.initialIntervalMillisOrDefault(), 10, 3_600_000);
    if (retry.backoffCoefficientOrDefault() < 1.0 || retry.backoffCoefficientOrDefault() > 10.0) {
      out.add(new SpecViolation("retry.backoffCoefficient", "must be between 1.0 and 10.0"));
    }
    if (retry.maxIntervalMillisOrDefault() < retry.initialIntervalMillisOrDefault()) {
      out.add(
          new SpecViolation(
              "retry.maxIntervalMillis", "must be at least retry.initialIntervalMillis"));
    }
    range(out, "retry.attemptTimeoutSeconds", retry.attemptTimeoutSecondsOrDefault(), 1, 3_600);
  }

  private static void range(List<SpecViolation> out, String field, long value, long min, long max) {
    if (value < min || value > max) {
      out.add(new SpecViolation(field, "must be between " + min + " and " + max));
    }
  }

  /** Characters as PostgreSQL and JSON Schema count them: code points, not UTF-16 units. */
  private static int chars(String s) {
    return s.codePointCount(0, s.length());
  }

  static boolean isSecretRef(String text) {
    return SecretRef.parse(text).isPresent();
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  private static boolean isEndpointUrl(String s) {
    try {
      URI uri = URI.create(s);
      return isHttpUrl(s)
          && uri.getRawUserInfo() == null
          && uri.getRawQuery() == null
          && uri.getRawFragment() == null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  static boolean isHttpUrl(String s) {
    try {
      URI uri = URI.create(s);
      return uri.isAbsolute()
          && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
