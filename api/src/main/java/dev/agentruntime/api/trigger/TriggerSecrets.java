package dev.agentruntime.api.trigger;

import dev.agentruntime.api.secret.TenantDataKeys;
import dev.agentruntime.api.trigger.TriggerRepository.DeliveryTarget;
import dev.agentruntime.core.secret.SecretEnvelope;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Seals a trigger's signing secret with its tenant's data key, bound to {@code trigger <id>} so a
 * sealed value copied to another row does not open, and opens it only into the HMAC keys a delivery
 * is checked with. Neither the secret nor a key is logged or kept.
 */
@ApplicationScoped
class TriggerSecrets {

  /** How long a replaced secret keeps verifying when the rotation does not say: a day. */
  static final int DEFAULT_OVERLAP_SECONDS = 86_400;

  private final TenantDataKeys dataKeys;

  TriggerSecrets(TenantDataKeys dataKeys) {
    this.dataKeys = dataKeys;
  }

  byte[] seal(String tenantId, UUID triggerId, String secret) {
    byte[] dataKey = dataKeys.forSealing(tenantId);
    try {
      return SecretEnvelope.seal(
          dataKey, tenantId, sealedName(triggerId), secret.getBytes(StandardCharsets.US_ASCII));
    } finally {
      Arrays.fill(dataKey, (byte) 0);
    }
  }

  /** The HMAC keys a delivery may be signed with: the current secret's, then the replaced one's. */
  List<byte[]> hmacKeys(DeliveryTarget target, TriggerPreset preset) {
    byte[] dataKey =
        dataKeys
            .forOpening(target.tenantId())
            .orElseThrow(() -> new IllegalStateException("a trigger's tenant has no data key"));
    try {
      List<byte[]> keys = new ArrayList<>(2);
      keys.add(hmacKey(dataKey, target, target.sealedSecret(), preset));
      if (target.previousSealedSecret() != null) {
        keys.add(hmacKey(dataKey, target, target.previousSealedSecret(), preset));
      }
      return keys;
    } finally {
      Arrays.fill(dataKey, (byte) 0);
    }
  }

  private static byte[] hmacKey(
      byte[] dataKey, DeliveryTarget target, byte[] sealed, TriggerPreset preset) {
    byte[] secret =
        SecretEnvelope.open(dataKey, target.tenantId(), sealedName(target.trigger().id()), sealed);
    try {
      return preset.hmacKey(new String(secret, StandardCharsets.US_ASCII));
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }

  private static String sealedName(UUID id) {
    return "trigger " + id;
  }
}
