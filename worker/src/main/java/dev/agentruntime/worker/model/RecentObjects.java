package dev.agentruntime.worker.model;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The texts this worker wrote to the object store lately, each with its SHA-256, so that the next
 * activity of the same run can skip the store when it runs here: a step reads the transcript and
 * the tool results the previous activities just wrote. A copy is answered only for the digest the
 * reader names (the one the workflow got from the writer's accepted result), so an object that
 * another attempt or worker wrote since is never served from here. Least recently used texts go
 * first once the character budget is spent.
 */
final class RecentObjects {

  private record Entry(String sha256, String text) {}

  private final long maxChars;
  private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);
  private long chars;
  private long hits;
  private long misses;

  RecentObjects(long maxChars) {
    this.maxChars = maxChars;
  }

  synchronized void put(String key, String sha256, String text) {
    Entry previous = entries.remove(key);
    if (previous != null) {
      chars -= previous.text().length();
    }
    if (text.length() > maxChars) {
      return;
    }
    entries.put(key, new Entry(sha256, text));
    chars += text.length();
    Iterator<Map.Entry<String, Entry>> oldest = entries.entrySet().iterator();
    while (chars > maxChars && oldest.hasNext()) {
      chars -= oldest.next().getValue().text().length();
      oldest.remove();
    }
  }

  /** The text of {@code key} if it is here with exactly this digest; a miss otherwise. */
  synchronized Optional<String> get(String key, String sha256) {
    Entry entry = sha256 == null ? null : entries.get(key);
    if (entry == null || !entry.sha256().equals(sha256)) {
      misses++;
      return Optional.empty();
    }
    hits++;
    return Optional.of(entry.text());
  }

  synchronized long hits() {
    return hits;
  }

  synchronized long misses() {
    return misses;
  }

  synchronized long chars() {
    return chars;
  }
}
