package dev.agentruntime.worker.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentruntime.core.run.event.ToolCallCompleted;
import dev.agentruntime.core.run.event.ToolCallCompleted.HttpResponded;
import dev.agentruntime.core.spec.ToolKind;
import dev.agentruntime.worker.Json;
import dev.agentruntime.worker.egress.Egress;
import dev.agentruntime.worker.egress.EgressClient;
import dev.agentruntime.worker.egress.EgressException;
import dev.agentruntime.worker.egress.EgressLimits;
import dev.agentruntime.worker.egress.EgressResponse;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code http_request}: one HTTP request under the tool's egress rules (see {@link EgressClient}:
 * deny by default, every resolved address checked and pinned, redirects re-checked, capped). A
 * refusal or a failure is answered to the model as the call's error; the run goes on.
 */
@Singleton
public class HttpRequestTool implements Tool {

  private final Egress egress;
  private final EgressLimits limits;

  @Inject
  public HttpRequestTool(Egress egress) {
    this(egress, EgressLimits.DEFAULTS);
  }

  /** With other caps, for tests. */
  public HttpRequestTool(Egress egress, EgressLimits limits) {
    this.egress = egress;
    this.limits = limits;
  }

  @Override
  public ToolKind kind() {
    return ToolKind.HTTP_REQUEST;
  }

  @Override
  public ToolResult execute(ToolCall call) {
    JsonNode args = arguments(call.arguments());
    String method = text(args, "method", true);
    String url = text(args, "url", true);
    String body = text(args, "body", false);
    Map<String, String> headers = headers(args.path("headers"));
    EgressClient client = egress.forTool(call.tenantId(), call.spec().egressAllowlist(), limits);
    EgressResponse response;
    try {
      response =
          client.execute(
              method,
              URI.create(url),
              headers,
              body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    } catch (EgressException e) {
      throw new ToolCallException(e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new ToolCallException("url is not a URL: " + e.getMessage());
    }
    ObjectNode result =
        Json.object()
            .put("status", response.status())
            .put("finalUrl", response.finalUrl().toString())
            .put("truncated", response.truncated());
    ObjectNode responseHeaders = result.putObject("headers");
    response
        .headers()
        .forEach((name, values) -> responseHeaders.put(name, String.join(", ", values)));
    result.put("body", response.bodyText());
    return new ToolResult(
        Json.write(result),
        new HttpResponded(
            method.toUpperCase(Locale.ROOT),
            response.finalUrl().getHost(),
            response.status(),
            response.body().length,
            response.truncated()));
  }

  @Override
  public String recordedResult(ToolCallCompleted.Effect recorded) {
    // The response itself is not kept in the event (it may be large or sensitive).
    return "the request completed with status "
        + (recorded instanceof HttpResponded response ? response.status() : 0)
        + "; its response was not kept";
  }

  private static JsonNode arguments(String raw) {
    try {
      JsonNode args = Json.read(raw);
      if (!args.isObject()) {
        throw new ToolCallException("arguments must be a JSON object");
      }
      return args;
    } catch (RuntimeException e) {
      if (e instanceof ToolCallException refusal) {
        throw refusal;
      }
      throw new ToolCallException("arguments are not JSON");
    }
  }

  private static String text(JsonNode args, String field, boolean required) {
    JsonNode value = args.get(field);
    if (value == null || value.isNull()) {
      if (required) {
        throw new ToolCallException(field + " is required");
      }
      return null;
    }
    if (!value.isTextual()) {
      throw new ToolCallException(field + " must be a string");
    }
    return value.asText();
  }

  private static Map<String, String> headers(JsonNode node) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (node.isMissingNode() || node.isNull()) {
      return headers;
    }
    if (!node.isObject()) {
      throw new ToolCallException("headers must be an object of strings");
    }
    for (Map.Entry<String, JsonNode> header :
        (Iterable<Map.Entry<String, JsonNode>>) node::fields) {
      if (!header.getValue().isTextual()) {
        throw new ToolCallException("header " + header.getKey() + " must be a string");
      }
      headers.put(header.getKey(), header.getValue().asText());
    }
    return headers;
  }
}
