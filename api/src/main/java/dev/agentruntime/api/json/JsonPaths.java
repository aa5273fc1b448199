package dev.agentruntime.api.json;

import com.fasterxml.jackson.databind.JsonMappingException;

/** Paths of JSON mapping failures, as problem answers name the fields at fault. */
public final class JsonPaths {

  private JsonPaths() {}

  /** The JSON path of a mapping failure, for example {@code spec.tools[0].name}. */
  public static String of(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }
}
