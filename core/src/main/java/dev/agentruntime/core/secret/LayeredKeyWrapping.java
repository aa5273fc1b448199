package dev.agentruntime.core.secret;

import java.util.ArrayList;
import java.util.List;

/**
 * A new key wrapping in front of the one it replaces (for example AWS KMS in front of the master
 * keys a deployment used before): new data keys are wrapped by the new one, and data keys the old
 * one wrapped still unwrap, so the API's start-up rotation can re-wrap them with nothing lost.
 */
public final class LayeredKeyWrapping implements DataKeyWrapping {

  private final DataKeyWrapping active;
  private final DataKeyWrapping previous;

  public LayeredKeyWrapping(DataKeyWrapping active, DataKeyWrapping previous) {
    for (String id : previous.keyIds()) {
      if (active.canUnwrap(id)) {
        throw new IllegalArgumentException("key " + id + " is both active and previous");
      }
    }
    this.active = active;
    this.previous = previous;
  }

  @Override
  public String activeKeyId() {
    return active.activeKeyId();
  }

  @Override
  public boolean canUnwrap(String keyId) {
    return active.canUnwrap(keyId) || previous.canUnwrap(keyId);
  }

  @Override
  public List<String> keyIds() {
    List<String> ids = new ArrayList<>(active.keyIds());
    ids.addAll(previous.keyIds());
    return List.copyOf(ids);
  }

  @Override
  public WrappedKey wrap(String tenantId, byte[] dataKey) {
    return active.wrap(tenantId, dataKey);
  }

  @Override
  public byte[] unwrap(String tenantId, String keyId, byte[] wrapped) {
    return (active.canUnwrap(keyId) ? active : previous).unwrap(tenantId, keyId, wrapped);
  }
}
