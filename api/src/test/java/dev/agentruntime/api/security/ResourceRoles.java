package dev.agentruntime.api.security;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The roles each operation of the API's resources accepts, read from their {@code @RolesAllowed}
 * (the method's, else its class's; {@code @PermitAll} as {@link #NO_TOKEN}). The resources are
 * found in the API's compiled classes, so a new one cannot be left out.
 */
public final class ResourceRoles {

  /** How the endpoint table names the roles of an operation that takes no token. */
  public static final String NO_TOKEN = "none (no token)";

  private ResourceRoles() {}

  /** "METHOD path" (the path as its annotations spell it) to the operation's sorted roles. */
  public static Map<String, List<String>> byOperation() {
    Map<String, List<String>> out = new TreeMap<>();
    for (Class<?> resource : resources()) {
      String base = resource.getAnnotation(Path.class).value();
      for (Method method : resource.getDeclaredMethods()) {
        String http = httpMethod(method);
        if (http == null) {
          continue;
        }
        Path sub = method.getAnnotation(Path.class);
        String path = sub == null ? base : base + sub.value();
        if (method.isAnnotationPresent(PermitAll.class)) {
          // No token at all (an inbound trigger's delivery, authenticated by its signature).
          out.put(http + " " + path, List.of(NO_TOKEN));
          continue;
        }
        RolesAllowed roles = method.getAnnotation(RolesAllowed.class);
        if (roles == null) {
          roles = resource.getAnnotation(RolesAllowed.class);
        }
        if (roles == null) {
          throw new AssertionError(http + " " + path + " has no @RolesAllowed");
        }
        out.put(http + " " + path, List.of(roles.value()).stream().sorted().toList());
      }
    }
    return out;
  }

  /** Every class of the API annotated with {@code @Path}. */
  static List<Class<?>> resources() {
    // The module's compiled classes (Maven runs the tests in the module's directory).
    java.nio.file.Path classes = java.nio.file.Path.of("target", "classes");
    List<Class<?>> found = new ArrayList<>();
    try (Stream<java.nio.file.Path> files = Files.walk(classes)) {
      for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name = classes.relativize(file).toString().replace('/', '.');
        Class<?> type = load(name.substring(0, name.length() - ".class".length()));
        if (type.isAnnotationPresent(Path.class)) {
          found.add(type);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (found.isEmpty()) {
      throw new AssertionError("no resource class under " + classes);
    }
    return found;
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name, false, ResourceRoles.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String httpMethod(Method method) {
    for (Annotation annotation : method.getAnnotations()) {
      HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
      if (http != null) {
        return http.value();
      }
    }
    return null;
  }
}
