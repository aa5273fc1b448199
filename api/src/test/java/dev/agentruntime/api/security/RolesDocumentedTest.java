package dev.agentruntime.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.api.ApiDoc;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/api.md says who may do what as the code does: its one role table names exactly the roles of
 * {@link Roles}, and its endpoint table gives every operation exactly the roles of its {@code
 * RolesAllowed}.
 */
class RolesDocumentedTest {

  private final ApiDoc doc = ApiDoc.read();

  @Test
  void theRoleTableNamesExactlyTheCodesRoles() throws IllegalAccessException {
    Set<String> documented = new TreeSet<>();
    for (List<String> row : ApiDoc.table(doc.section("Roles"), "role")) {
      documented.add(ApiDoc.code(row.get(0)));
    }
    Set<String> code = new TreeSet<>();
    for (Field field : Roles.class.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        code.add((String) field.get(null));
      }
    }
    assertThat(documented).isEqualTo(code);
  }

  @Test
  void everyOperationListsExactlyTheRolesOfItsMethod() {
    Map<String, List<String>> documented = new TreeMap<>();
    for (List<String> row : ApiDoc.table(doc.section("Endpoints"), "method and path")) {
      String operation = ApiDoc.code(row.get(0));
      int query = operation.indexOf('?');
      String key = query < 0 ? operation : operation.substring(0, query);
      List<String> roles =
          Arrays.stream(row.get(1).split(",")).map(String::strip).sorted().toList();
      assertThat(documented.put(key, roles)).as("%s is listed twice", key).isNull();
    }
    assertThat(documented).isEqualTo(ResourceRoles.byOperation());
  }

  @Test
  void noOtherPageKeepsARoleTableOfItsOwn() throws IOException {
    try (Stream<Path> pages = Files.list(Path.of("..", "docs"))) {
      Set<String> withRoleTables =
          pages
              .filter(p -> p.toString().endsWith(".md"))
              .filter(p -> read(p).contains("\n| role |"))
              .map(p -> p.getFileName().toString())
              .collect(Collectors.toCollection(TreeSet::new));
      assertThat(withRoleTables).containsExactly("api.md");
    }
  }

  private static String read(Path page) {
    try {
      return Files.readString(page);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
