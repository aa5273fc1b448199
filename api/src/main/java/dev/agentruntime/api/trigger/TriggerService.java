package dev.agentruntime.api.trigger;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.agentruntime.api.agent.AgentRepository;
import dev.agentruntime.api.error.AlreadyExists;
import dev.agentruntime.api.error.DeliveryRefused;
import dev.agentruntime.api.error.InvalidRequest;
import dev.agentruntime.api.error.NotFound;
import dev.agentruntime.api.problem.Violation;
import dev.agentruntime.api.run.AdmittedRun;
import dev.agentruntime.api.run.CreateRunRequest;
import dev.agentruntime.api.run.RunAdmissionService;
import dev.agentruntime.api.secret.RotateSecretRequest;
import dev.agentruntime.api.trigger.TriggerRepository.DeliveryTarget;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A tenant's inbound triggers, and their deliveries. A trigger's signing secret is made here,
 * answered once, and stored sealed ({@link TriggerSecrets}); it is opened only to verify a delivery
 * and never logged or answered again. A delivery admits its run through {@link
 * RunAdmissionService}, with an idempotency key holding spaces, which no {@code Idempotency-Key}
 * header can (visible ASCII only), so no API request can take or replay it.
 */
@ApplicationScoped
public class TriggerService {

  private static final int DEFAULT_TOLERANCE_SECONDS = 300;

  private final TriggerRepository triggers;
  private final AgentRepository agents;
  private final TriggerSecrets secrets;
  private final RunAdmissionService admission;
  private final ObjectMapper json;
  private final int maxBodyBytes;

  public TriggerService(
      TriggerRepository triggers,
      AgentRepository agents,
      TriggerSecrets secrets,
      RunAdmissionService admission,
      ObjectMapper json,
      @ConfigProperty(name = "agent-runtime.triggers.max-body-bytes") int maxBodyBytes) {
    this.triggers = triggers;
    this.agents = agents;
    this.secrets = secrets;
    this.admission = admission;
    this.json = json;
    this.maxBodyBytes = maxBodyBytes;
  }

  /** Creates a trigger; the answer holds its secret, the only time it is shown. */
  @Transactional
  public TriggerResponse create(String tenantId, CreateTriggerRequest request, String actor) {
    TriggerPreset preset =
        TriggerPreset.fromWireName(request.preset())
            .orElseThrow(() -> invalid("preset", "must be " + TriggerPreset.WIRE_NAMES));
    String pointer = checkPointer(request.inputPointer() == null ? "" : request.inputPointer());
    if (agents.findByName(tenantId, request.agentName()).isEmpty()) {
      throw new NotFound("Agent '" + request.agentName() + "'");
    }
    UUID id = UUID.randomUUID();
    String secret = preset.newSecret();
    byte[] sealed = secrets.seal(tenantId, id, secret);
    int tolerance =
        request.toleranceSeconds() == null ? DEFAULT_TOLERANCE_SECONDS : request.toleranceSeconds();
    return triggers
        .insert(tenantId, id, request, pointer, tolerance, sealed, actor)
        .orElseThrow(
            () ->
                new AlreadyExists(
                    "Trigger '" + request.name() + "' already exists", "/v1/triggers"))
        .withSecret(secret);
  }

  public List<TriggerResponse> list(String tenantId) {
    return triggers.list(tenantId);
  }

  public TriggerResponse get(String tenantId, UUID id) {
    return triggers.find(tenantId, id).orElseThrow(() -> notFound(id));
  }

  @Transactional
  public TriggerResponse update(String tenantId, UUID id, UpdateTriggerRequest request) {
    TriggerResponse current = get(tenantId, id);
    triggers.update(
        tenantId,
        id,
        request.enabled() == null ? current.enabled() : request.enabled(),
        request.inputPointer() == null
            ? current.inputPointer()
            : checkPointer(request.inputPointer()),
        request.toleranceSeconds() == null
            ? current.toleranceSeconds()
            : request.toleranceSeconds());
    return get(tenantId, id);
  }

  /**
   * Gives the trigger a new secret, answered this once; the replaced one keeps verifying deliveries
   * for the overlap, so the sender can be reconfigured without a refused delivery.
   */
  @Transactional
  public TriggerResponse rotateSecret(String tenantId, UUID id, RotateSecretRequest request) {
    TriggerPreset preset = TriggerPreset.fromWireName(get(tenantId, id).preset()).orElseThrow();
    int overlap =
        request == null || request.overlapSeconds() == null
            ? TriggerSecrets.DEFAULT_OVERLAP_SECONDS
            : request.overlapSeconds();
    String secret = preset.newSecret();
    if (!triggers.rotate(tenantId, id, secrets.seal(tenantId, id, secret), overlap)) {
      throw notFound(id);
    }
    return get(tenantId, id).withSecret(secret);
  }

  @Transactional
  public void delete(String tenantId, UUID id) {
    if (!triggers.delete(tenantId, id)) {
      throw notFound(id);
    }
  }

  /**
   * Verifies a delivery and admits its run. Checks in this order, each refusal writing nothing: the
   * body's size, the trigger (unknown: 404, whoever owns it), the signature and timestamp, the
   * trigger being enabled (told only to a sender that signed correctly), the body being JSON.
   *
   * @param header a request header's value by name, null when absent
   */
  public AdmittedRun deliver(UUID id, Function<String, String> header, byte[] body) {
    if (body.length > maxBodyBytes) {
      throw new DeliveryRefused(
          DeliveryRefused.Reason.TOO_LARGE,
          "A delivery's body may have at most " + maxBodyBytes + " bytes");
    }
    DeliveryTarget target = triggers.findForDelivery(id).orElseThrow(() -> notFound(id));
    TriggerResponse trigger = target.trigger();
    TriggerPreset preset = TriggerPreset.fromWireName(trigger.preset()).orElseThrow();
    String deliveryId =
        TriggerSignatures.verify(
            preset,
            secrets.hmacKeys(target, preset),
            header,
            body,
            Instant.now(),
            Duration.ofSeconds(trigger.toleranceSeconds()));
    if (!trigger.enabled()) {
      throw new DeliveryRefused(
          DeliveryRefused.Reason.DISABLED, "Trigger " + id + " is disabled; nothing was started");
    }
    CreateRunRequest run =
        new CreateRunRequest(
            null, trigger.agentName(), trigger.version(), input(body, trigger.inputPointer()));
    return admission.admitFromTrigger(
        target.tenantId(), "trigger " + id + " delivery " + deliveryId, run, "trigger " + id);
  }

  /** The run's input: the pointed-at value, wrapped as {"payload": value} unless an object. */
  private JsonNode input(byte[] body, String pointer) {
    JsonNode payload;
    try {
      payload = json.readTree(body);
    } catch (IOException e) {
      payload = null;
    }
    if (payload == null || payload.isMissingNode()) {
      throw invalid("body", "must be a JSON document");
    }
    JsonNode selected = payload.at(pointer);
    if (selected.isMissingNode()) {
      throw invalid("body", "has nothing at the trigger's inputPointer " + pointer);
    }
    return selected.isObject()
        ? selected
        : JsonNodeFactory.instance.objectNode().set("payload", selected);
  }

  private static String checkPointer(String pointer) {
    try {
      JsonPointer.compile(pointer);
      return pointer;
    } catch (IllegalArgumentException e) {
      throw invalid("inputPointer", "must be a JSON Pointer (RFC 6901): '' or starting with /");
    }
  }

  private static InvalidRequest invalid(String field, String message) {
    return new InvalidRequest(
        "The " + field + " " + message, List.of(new Violation(field, message)));
  }

  private static NotFound notFound(UUID id) {
    return new NotFound("Trigger " + id);
  }
}
