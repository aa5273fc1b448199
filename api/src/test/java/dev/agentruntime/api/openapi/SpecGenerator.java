package dev.agentruntime.api.openapi;

import static dev.agentruntime.api.openapi.OpenApiAgentSpecTest.absent;
import static dev.agentruntime.api.openapi.OpenApiAgentSpecTest.array;
import static dev.agentruntime.api.openapi.OpenApiAgentSpecTest.object;
import static dev.agentruntime.api.openapi.OpenApiAgentSpecTest.put;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Random;

/**
 * Agent specs near the edges of every rule: each field absent, null, at and just past its bounds,
 * matching or missing its pattern. Values are of the right JSON type: type mismatches are the JSON
 * reader's business, not the spec's. Never generates duplicate tool names (JSON Schema cannot
 * forbid them), nor a retry cap below the initial interval (a rule between two fields, which the
 * API checks and the schema cannot state).
 */
final class SpecGenerator {

  private static final Object NULL = NullNode.getInstance();
  private static final int INVALID_ONE_IN = 25;
  private static final String BLANKS = " \t\n\u000B\f\r\u001C\u001F\u1680\u2003\u2028\u3000";

  private SpecGenerator() {}

  static ObjectNode spec(Random r) {
    ObjectNode spec = object();
    Object runtime = pick(r, absent(), NULL, runtime(r));
    put(spec, "runtime", runtime);
    boolean http =
        runtime instanceof ObjectNode object && "http".equals(object.path("type").asText());
    // An http runtime takes no model, the built-in loop needs one.
    put(
        spec,
        "model",
        http
            ? either(r, values(absent(), NULL), model(r))
            : either(r, values(model(r)), absent(), NULL));
    put(
        spec,
        "instructions",
        either(
            r,
            values("Be helpful.", "\u00A0", " a ", "x".repeat(100_000)),
            "",
            blank(r),
            "x".repeat(100_001),
            absent(),
            NULL));
    put(
        spec,
        "tools",
        either(r, values(absent(), NULL, array(), tools(r, 1 + r.nextInt(3))), tools(r, 33)));
    put(spec, "limits", pick(r, absent(), NULL, limits(r)));
    put(spec, "retry", pick(r, absent(), NULL, retry(r)));
    put(
        spec,
        "inputSchema",
        either(r, values(absent(), object().put("type", "object")), NULL, array()));
    put(spec, "outputSchema", either(r, values(absent(), object()), "object"));
    if (r.nextInt(INVALID_ONE_IN) == 0) {
      spec.put("priority", 1);
    }
    return spec;
  }

  private static Object runtime(Random r) {
    ObjectNode runtime = object();
    boolean http = r.nextInt(3) == 0;
    if (!http) {
      put(runtime, "type", either(r, values("builtin"), absent(), NULL));
      put(runtime, "endpoint", either(r, values(absent(), NULL), "http://agent.example"));
      put(runtime, "apiKeyRef", either(r, values(absent(), NULL), "env:AGENT_TOKEN"));
      return runtime;
    }
    put(runtime, "type", "http");
    put(
        runtime,
        "endpoint",
        either(
            r,
            values(
                "http://agent.example",
                "https://agent.example:8443/v1/",
                "http://127.0.0.1:8765",
                "http://agents.internal/notes"),
            absent(),
            NULL,
            "ftp://agent.example",
            "agent.example:8000",
            "http://agent.example/?x=1",
            "http://user:pw@agent.example",
            "http://agent.example/#turns"));
    put(
        runtime,
        "apiKeyRef",
        either(
            r,
            values(absent(), NULL, "env:AGENT_TOKEN", "file:/run/secrets/agent", "secret:agent"),
            "s3cr3t",
            "secret:"));
    return runtime;
  }

  private static Object model(Random r) {
    ObjectNode model = object();
    put(
        model,
        "provider",
        either(r, values("openai", "ollama", "anthropic", "demo"), "gpt", absent()));
    put(
        model,
        "name",
        either(r, values("gpt-4o-mini", "llama3.2", "\u00A0", absent(), NULL), "", blank(r)));
    put(
        model,
        "baseUrl",
        either(
            r,
            values(absent(), NULL, "http://localhost:11434", "https://api.example.com/v1"),
            "ftp://files.example",
            "localhost:11434"));
    put(
        model,
        "apiKeyRef",
        either(
            r,
            values(
                absent(),
                "env:OPENAI_API_KEY",
                "env:_K1",
                "secret:OPENAI_API_KEY",
                "secret:k" + "e".repeat(63),
                NULL),
            "sk-live-123",
            "env:1KEY",
            "env:",
            "secret:_KEY",
            "secret:k" + "e".repeat(64),
            "secret:OPENAI API KEY"));
    put(model, "temperature", either(r, values(absent(), NULL, 0, 2, 0.7), -0.01, 2.01));
    put(model, "maxOutputTokens", either(r, values(absent(), NULL, 1, 1_000_000), 0, 1_000_001));
    return model;
  }

  private static String blank(Random r) {
    StringBuilder blank = new StringBuilder();
    for (int i = 0; i <= r.nextInt(3); i++) {
      blank.append(BLANKS.charAt(r.nextInt(BLANKS.length())));
    }
    return blank.toString();
  }

  private static ArrayNode tools(Random r, int count) {
    ArrayNode tools = array();
    for (int i = 0; i < count; i++) {
      ObjectNode tool = object();
      String unique = "t" + i;
      put(
          tool,
          "name",
          either(
              r,
              values(unique, unique + "_x-Y", unique + "a".repeat(62)),
              "9" + unique,
              "",
              unique + "a".repeat(63),
              NULL));
      Object kind = either(r, values("write_artifact", "mcp"), "shell", absent(), NULL);
      put(tool, "kind", kind);
      put(
          tool,
          "description",
          either(r, values(absent(), NULL, "Stores a note", "d".repeat(2000)), "d".repeat(2001)));
      put(tool, "requiresApproval", either(r, values(absent(), false), true));
      if ("mcp".equals(kind)) {
        mcp(r, tool, unique);
      } else {
        ArrayNode hosts = array();
        hosts.add(
            either(
                r,
                new String[] {"api.example.com", "*.example.com:443", "-"},
                "bad host",
                "http://x",
                "h:123456"));
        put(tool, "egressAllowlist", pick(r, absent(), NULL, array(), hosts));
        if (r.nextInt(INVALID_ONE_IN) == 0) {
          tool.put(pick(r, "url", "authRef"), "https://mcp.example.com/mcp");
        }
      }
      if (r.nextInt(INVALID_ONE_IN) == 0) {
        tool.put("timeout", 5);
      }
      tools.add(tool);
    }
    return tools;
  }

  /**
   * The fields of an mcp entry. Its egress rules always allow both valid URLs (the schema cannot
   * compare the URL with them), and its allowed names are unique across the spec ({@code
   * <tool>m<n>}, which no tool name is).
   */
  private static void mcp(Random r, ObjectNode tool, String unique) {
    put(
        tool,
        "url",
        either(
            r,
            values("http://127.0.0.1:3001/mcp", "https://mcp.example.com/mcp?v=1"),
            "ftp://mcp.example.com/mcp",
            "https://u@mcp.example.com/mcp",
            "https://mcp.example.com/mcp#tools",
            "mcp.example.com/mcp",
            absent(),
            NULL));
    put(
        tool,
        "authRef",
        either(
            r,
            values(absent(), NULL, "env:MCP_TOKEN", "secret:mcp-token_2"),
            "tok-123",
            "secret:9mcp"));
    ArrayNode names = array().add(unique + "m0");
    ArrayNode two = array().add(unique + "m0").add(unique + "m1");
    ArrayNode many = array();
    for (int i = 0; i < 33; i++) {
      many.add(unique + "m" + i);
    }
    put(
        tool,
        "allowedTools",
        either(
            r,
            values(names, two),
            absent(),
            NULL,
            array(),
            many,
            array().add(unique + "m0").add(unique + "m0"),
            array().add("9" + unique)));
    ArrayNode hosts = array().add("http://127.0.0.1:3001").add("mcp.example.com");
    if (r.nextInt(INVALID_ONE_IN) == 0) {
      hosts.add("bad host");
    }
    put(tool, "egressAllowlist", either(r, values(hosts), absent(), NULL, array()));
  }

  private static Object limits(Random r) {
    ObjectNode limits = object();
    put(limits, "maxSteps", bounded(r, 1, 100));
    put(limits, "maxTokens", bounded(r, 1, 10_000_000));
    put(limits, "timeoutSeconds", bounded(r, 1, 86_400));
    return limits;
  }

  private static Object retry(Random r) {
    ObjectNode retry = object();
    put(retry, "maxAttempts", bounded(r, 1, 100));
    Object initial = bounded(r, 10, 3_600_000);
    put(retry, "initialIntervalMillis", initial);
    put(retry, "backoffCoefficient", either(r, values(absent(), NULL, 1.0, 10.0, 2), 0.99, 10.01));
    Object cap;
    if (initial instanceof Long value) {
      // cap >= initial is a rule between two fields, the API's alone (theRetryCapRuleIsTheApis):
      // the caps generated here keep it, so schema and validator can agree on the rest.
      cap = either(r, values(absent(), NULL, value, value * 3, 1L << 40), 9L);
    } else {
      cap = either(r, values(absent(), NULL, 1000L, 30_000L, 1L << 40), 9L);
    }
    put(retry, "maxIntervalMillis", cap);
    put(retry, "attemptTimeoutSeconds", bounded(r, 1, 3_600));
    return retry;
  }

  /** Absent, null, a bound or a middle value; now and then one past a bound. */
  private static Object bounded(Random r, long min, long max) {
    return either(r, values(absent(), NULL, min, max, (min + max) / 2), min - 1, max + 1);
  }

  private static Object[] values(Object... values) {
    return values;
  }

  /**
   * A valid option, or now and then an invalid one, so that many specs are valid and an invalid one
   * is usually wrong in one place only.
   */
  @SafeVarargs
  private static <T> T either(Random r, T[] valid, T... invalid) {
    return r.nextInt(INVALID_ONE_IN) == 0 ? pick(r, invalid) : pick(r, valid);
  }

  @SafeVarargs
  private static <T> T pick(Random r, T... options) {
    return options[r.nextInt(options.length)];
  }
}
