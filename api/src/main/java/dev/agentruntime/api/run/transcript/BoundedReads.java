package dev.agentruntime.api.run.transcript;

import dev.agentruntime.api.error.ObjectStoreUnavailable;
import dev.agentruntime.api.error.TranscriptTooLarge;
import dev.agentruntime.storage.ObjectStore;
import dev.agentruntime.storage.ObjectStoreException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.UUID;

/**
 * The objects read for one answer, within one byte budget shared by all of them: an object is read
 * only up to what is left plus one byte, so a transcript over the bound is refused after reading at
 * most the bound, whatever its size.
 */
final class BoundedReads {

  private final ObjectStore objects;
  private final UUID runId;
  private final int maxBytes;
  private int left;

  BoundedReads(ObjectStore objects, UUID runId, int maxBytes) {
    this.objects = objects;
    this.runId = runId;
    this.maxBytes = maxBytes;
    this.left = maxBytes;
  }

  /**
   * @param step the step the object belongs to, named when the budget runs out
   * @return the object's bytes; empty when the store has no such object
   * @throws TranscriptTooLarge when the objects read so far and this one exceed the budget
   * @throws ObjectStoreUnavailable when the store does not answer
   */
  Optional<byte[]> read(String key, int step) {
    Optional<InputStream> opened;
    try {
      opened = objects.open(key);
    } catch (ObjectStoreException e) {
      throw unavailable(e);
    }
    if (opened.isEmpty()) {
      return Optional.empty();
    }
    try (InputStream in = opened.get()) {
      // readNBytes grows its buffer as bytes come: a small object costs no budget-sized array.
      byte[] bytes = in.readNBytes(left + 1);
      if (bytes.length > left) {
        throw new TranscriptTooLarge(runId, step, maxBytes);
      }
      left -= bytes.length;
      return Optional.of(bytes);
    } catch (IOException e) {
      throw unavailable(e);
    }
  }

  private ObjectStoreUnavailable unavailable(Exception cause) {
    return new ObjectStoreUnavailable(
        "the object store did not serve the transcript of run " + runId + "; try again later",
        cause);
  }
}
