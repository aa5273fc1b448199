package dev.agentruntime.api.problem;

import dev.agentruntime.api.agent.AgentResource;
import dev.agentruntime.api.agent.alias.AliasResource;
import dev.agentruntime.api.agent.apply.AgentExportResource;
import dev.agentruntime.api.agent.apply.ApplyResource;
import dev.agentruntime.api.retention.RunHoldResource;
import dev.agentruntime.api.run.ArtifactContentResource;
import dev.agentruntime.api.run.RunEventResource;
import dev.agentruntime.api.run.RunResource;
import dev.agentruntime.api.run.approval.ApprovalResource;
import dev.agentruntime.api.run.approval.TenantApprovalResource;
import dev.agentruntime.api.run.compare.RunComparisonResource;
import dev.agentruntime.api.run.control.RunControlResource;
import dev.agentruntime.api.run.fork.RunForkResource;
import dev.agentruntime.api.run.lineage.RunLineageResource;
import dev.agentruntime.api.run.replay.RunReplayResource;
import dev.agentruntime.api.run.transcript.TranscriptResource;
import dev.agentruntime.api.run.tree.RunTreeResource;
import dev.agentruntime.api.schedule.ScheduleActionResource;
import dev.agentruntime.api.schedule.ScheduleEventResource;
import dev.agentruntime.api.schedule.ScheduleResource;
import dev.agentruntime.api.secret.SecretResource;
import dev.agentruntime.api.tenant.TenantResource;
import dev.agentruntime.api.tenant.deletion.TenantDeletionResource;
import dev.agentruntime.api.tenant.policy.TenantPolicyResource;
import dev.agentruntime.api.trigger.TriggerResource;
import dev.agentruntime.api.usage.UsageResource;
import dev.agentruntime.api.webhook.WebhookDeliveryResource;
import dev.agentruntime.api.webhook.WebhookResource;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The methods each API path allows, read from the resources' annotations. Quarkus REST's own answer
 * to OPTIONS lists methods of neighbouring paths, and its 405 carries no {@code Allow}; both come
 * from here instead, so {@code Allow} always tells the truth (RFC 9110 §10.2.1).
 */
@ApplicationScoped
public class AllowedMethods {

  /** Every resource of the public API; a test holds this list against the OpenAPI document. */
  static final List<Class<?>> RESOURCES =
      List.of(
          TenantResource.class,
          TenantPolicyResource.class,
          TenantDeletionResource.class,
          AgentResource.class,
          AliasResource.class,
          ApplyResource.class,
          AgentExportResource.class,
          RunResource.class,
          RunEventResource.class,
          RunTreeResource.class,
          RunReplayResource.class,
          RunLineageResource.class,
          RunComparisonResource.class,
          ArtifactContentResource.class,
          TranscriptResource.class,
          RunControlResource.class,
          RunForkResource.class,
          RunHoldResource.class,
          ApprovalResource.class,
          TenantApprovalResource.class,
          SecretResource.class,
          TriggerResource.class,
          UsageResource.class,
          ScheduleResource.class,
          ScheduleActionResource.class,
          ScheduleEventResource.class,
          WebhookResource.class,
          WebhookDeliveryResource.class);

  private final Map<Pattern, String> allowByPath = new LinkedHashMap<>();

  public AllowedMethods() {
    Map<String, TreeSet<String>> methodsByTemplate = new LinkedHashMap<>();
    for (Class<?> resource : RESOURCES) {
      String base = resource.getAnnotation(Path.class).value();
      for (Method method : resource.getMethods()) {
        String httpMethod = httpMethodOf(method);
        if (httpMethod == null) {
          continue;
        }
        Path sub = method.getAnnotation(Path.class);
        String template = sub == null ? base : base + "/" + sub.value().replaceAll("^/", "");
        TreeSet<String> methods = methodsByTemplate.computeIfAbsent(template, t -> new TreeSet<>());
        methods.add(httpMethod);
        if (httpMethod.equals(HttpMethod.GET)) {
          methods.add(HttpMethod.HEAD);
        }
        methods.add(HttpMethod.OPTIONS);
      }
    }
    methodsByTemplate.forEach(
        (template, methods) ->
            allowByPath.put(
                Pattern.compile("^" + template.replaceAll("\\{[^}]+}", "[^/]+") + "/?$"),
                String.join(", ", methods)));
  }

  /** The {@code Allow} value for a request path, if the path is one of the API's. */
  public Optional<String> allow(String path) {
    return allowByPath.entrySet().stream()
        .filter(e -> e.getKey().matcher(path).matches())
        .map(Map.Entry::getValue)
        .findFirst();
  }

  void install(@Observes Router router) {
    router.options("/v1/*").order(-1).handler(this::answerOptions);
  }

  private void answerOptions(RoutingContext context) {
    Optional<String> allow = allow(context.request().path());
    if (allow.isEmpty()) {
      context.next();
      return;
    }
    context.response().setStatusCode(204).putHeader(HttpHeaders.ALLOW, allow.get()).end();
  }

  private static String httpMethodOf(Method method) {
    for (Annotation annotation : method.getAnnotations()) {
      HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
      if (http != null) {
        return http.value();
      }
    }
    return null;
  }
}
