package dev.agentruntime.core.activity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SHA-256 of run objects (transcripts, tool results) as the activities that wrote them
 * reported, passed by the workflow to the activity that reads them next. A worker that wrote an
 * object keeps its text in memory for a while; the reader takes that copy only when its digest is
 * the one the workflow passed, that is, when it is exactly the text of the attempt whose result the
 * workflow accepted. Otherwise (another worker, another attempt, an old history) it reads the
 * object store, as before. Keys without a known digest are left out.
 *
 * @param byKey object key to SHA-256 (hex)
 */
public record ObjectDigests(Map<String, String> byKey) {

  public ObjectDigests {
    byKey = byKey == null ? Map.of() : Map.copyOf(byKey);
  }

  /** The digests of the given keys that are known; {@code null} entries are dropped. */
  public static ObjectDigests of(List<String> keys, List<String> digests) {
    Map<String, String> known = new LinkedHashMap<>();
    for (int i = 0; i < keys.size() && i < digests.size(); i++) {
      if (keys.get(i) != null && digests.get(i) != null) {
        known.put(keys.get(i), digests.get(i));
      }
    }
    return new ObjectDigests(known);
  }

  /** The digest of {@code key}, or {@code null} when unknown. */
  public String get(String key) {
    return byKey.get(key);
  }
}
