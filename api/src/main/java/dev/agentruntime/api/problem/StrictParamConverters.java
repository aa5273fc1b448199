package dev.agentruntime.api.problem;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;

/**
 * Parses UUID, integer and timestamp parameters strictly and names the parameter when one does not
 * parse: {@code UUID.fromString} alone accepts forms like {@code 1-1-1-1-1}, and a decimal or an
 * out-of-range integer must be refused rather than read as something else.
 */
@Provider
public class StrictParamConverters implements ParamConverterProvider {

  private static final java.util.regex.Pattern CANONICAL_UUID =
      java.util.regex.Pattern.compile(
          "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
  private static final java.util.regex.Pattern INTEGER =
      java.util.regex.Pattern.compile("^-?[0-9]{1,10}$");

  @Override
  @SuppressWarnings("unchecked")
  public <T> ParamConverter<T> getConverter(
      Class<T> rawType, Type genericType, Annotation[] annotations) {
    String name = nameOf(annotations);
    if (rawType == UUID.class) {
      return (ParamConverter<T>) converter(name, text -> "a UUID", StrictParamConverters::uuid);
    }
    if (rawType == Integer.class || rawType == int.class) {
      return (ParamConverter<T>)
          converter(name, text -> "a 32-bit integer", StrictParamConverters::integer);
    }
    if (rawType == Instant.class) {
      return (ParamConverter<T>) converter(name, Rfc3339::expected, Rfc3339::parse);
    }
    return null;
  }

  private static UUID uuid(String text) {
    if (!CANONICAL_UUID.matcher(text).matches()) {
      throw new IllegalArgumentException();
    }
    return UUID.fromString(text);
  }

  private static Integer integer(String text) {
    if (!INTEGER.matcher(text).matches()) {
      throw new IllegalArgumentException();
    }
    long value = Long.parseLong(text);
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw new IllegalArgumentException();
    }
    return (int) value;
  }

  private static <V> ParamConverter<V> converter(
      String name, Function<String, String> expected, Function<String, V> parse) {
    return new ParamConverter<>() {
      @Override
      public V fromString(String value) {
        if (value == null) {
          return null;
        }
        try {
          return parse.apply(value);
        } catch (IllegalArgumentException e) {
          throw new InvalidParameterException(name, expected.apply(value));
        }
      }

      @Override
      public String toString(V value) {
        return value.toString();
      }
    };
  }

  private static String nameOf(Annotation[] annotations) {
    for (Annotation annotation : annotations) {
      if (annotation instanceof PathParam path) {
        return path.value();
      }
      if (annotation instanceof QueryParam query) {
        return query.value();
      }
      if (annotation instanceof HeaderParam header) {
        return header.value();
      }
    }
    return "parameter";
  }
}
