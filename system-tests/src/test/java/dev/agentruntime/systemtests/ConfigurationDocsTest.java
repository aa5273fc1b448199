package dev.agentruntime.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/operations.md and the applications' configuration say the same: every key an operator may
 * set in {@code application.properties} is documented, and every {@code agent-runtime.*} key the
 * docs name exists.
 */
class ConfigurationDocsTest {

  private static final Path ROOT = Path.of("..");

  /**
   * Keys fixed by the build, not settings for an operator: changing them would break the
   * application rather than configure it.
   */
  private static final Set<String> FIXED =
      Set.of(
          "quarkus.application.name",
          "quarkus.datasource.db-kind",
          "quarkus.datasource.devservices.enabled",
          "quarkus.devservices.enabled",
          "quarkus.flyway.migrate-at-start",
          "quarkus.flyway.locations",
          "quarkus.hibernate-orm.schema-management.strategy",
          "quarkus.hibernate-orm.validate-in-dev-mode",
          "quarkus.http.auth.proactive",
          "quarkus.security.jaxrs.deny-unannotated-endpoints");

  private static final Pattern KEY = Pattern.compile("`([a-z%.][a-z0-9.\\-]*)`");

  @Test
  void everyOperatorSettingOfTheApiAndTheWorkerIsDocumented() throws IOException {
    Set<String> documented = documentedKeys();
    Set<String> missing = new TreeSet<>();
    for (String module : new String[] {"api", "worker"}) {
      for (String key : settings(module)) {
        if (!documented.contains(key)) {
          missing.add(module + ": " + key);
        }
      }
    }
    assertThat(missing).as("settings missing from docs/operations.md").isEmpty();
  }

  @Test
  void everyAgentRuntimeKeyTheDocsNameExists() throws IOException {
    Set<String> existing = new TreeSet<>(settings("api"));
    existing.addAll(settings("worker"));
    Set<String> unknown = new TreeSet<>();
    for (String key : documentedKeys()) {
      if (key.startsWith("agent-runtime.") && !existing.contains(key)) {
        unknown.add(key);
      }
    }
    assertThat(unknown).as("keys in docs/operations.md that no application reads").isEmpty();
  }

  /** The keys of a module's application.properties, less profile-specific and fixed ones. */
  private static Set<String> settings(String module) throws IOException {
    Properties properties = new Properties();
    try (Reader in =
        Files.newBufferedReader(
            ROOT.resolve(module).resolve("src/main/resources/application.properties"))) {
      properties.load(in);
    }
    Set<String> keys = new TreeSet<>();
    for (String key : properties.stringPropertyNames()) {
      boolean operatorSetting =
          !key.startsWith("%")
              && !FIXED.contains(key)
              && !key.startsWith("quarkus.smallrye-openapi.")
              && !key.startsWith("quarkus.swagger-ui.");
      if (operatorSetting) {
        keys.add(key);
      }
    }
    return keys;
  }

  /**
   * Keys in backticks in the configuration tables; a key written as {@code `.namespace`} after
   * {@code `agent-runtime.temporal.target`} is {@code agent-runtime.temporal.namespace}.
   */
  private static Set<String> documentedKeys() throws IOException {
    Set<String> keys = new TreeSet<>();
    for (String line : Files.readAllLines(ROOT.resolve("docs/operations.md"))) {
      if (!line.startsWith("| `")) {
        continue;
      }
      String cell = line.substring(1, line.indexOf('|', 1));
      String previous = null;
      Matcher matcher = KEY.matcher(cell);
      while (matcher.find()) {
        String key = matcher.group(1);
        if (key.startsWith(".") && previous != null) {
          key = previous.substring(0, previous.lastIndexOf('.')) + key;
        }
        keys.add(key);
        previous = key;
      }
    }
    return keys;
  }
}
