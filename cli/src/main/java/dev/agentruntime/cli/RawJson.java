package dev.agentruntime.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The generated client's object mapper, keeping the text of the last JSON answer it read: {@code -o
 * json} prints the API's JSON as it came, not the client's classes written back (which would drop
 * nulls and reformat times). The generated operations read every answer with {@code
 * readValue(String, TypeReference)}, the event stream each event with {@code readValue(String,
 * Class)}.
 *
 * <p>agentctl makes one call at a time; this is not meant for concurrent calls.
 */
final class RawJson extends ObjectMapper {

  // Shared with every copy: the generated ApiClient hands each operation class a copy.
  private final transient AtomicReference<String> last;

  RawJson(ObjectMapper generated) {
    this(generated, new AtomicReference<>());
  }

  private RawJson(ObjectMapper source, AtomicReference<String> last) {
    super(source);
    this.last = last;
  }

  @Override
  public <T> T readValue(String content, TypeReference<T> type) throws JsonProcessingException {
    last.set(content);
    return super.readValue(content, type);
  }

  @Override
  public <T> T readValue(String content, Class<T> type) throws JsonProcessingException {
    last.set(content);
    return super.readValue(content, type);
  }

  @Override
  public ObjectMapper copy() {
    return new RawJson(this, last);
  }

  /** The text of the last answer read. */
  String last() {
    return last.get();
  }
}
