package dev.agentruntime.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The demo realm {@code auth/keycloak-realm.json} held to what the API reads, without a Keycloak
 * (KeycloakIT proves it against the real one): the API's roles are the realm's, every client that
 * issues tokens puts the audience, the roles as {@code groups} and the tenant in them, the {@code
 * tenant} attribute is declared in the user profile and only administrators may edit it.
 */
class KeycloakRealmFileTest {

  private static final Path ROOT = Path.of("..");
  private static final JsonPath REALM = realm();

  private static JsonPath realm() {
    try {
      return new JsonPath(Files.readString(ROOT.resolve("auth/keycloak-realm.json")));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void theRealmRolesAreExactlyTheApisRoles() throws IOException {
    String roles =
        Files.readString(
            ROOT.resolve("api/src/main/java/dev/agentruntime/api/security/Roles.java"));
    Set<String> apiRoles = new TreeSet<>();
    Matcher constant = Pattern.compile("String [A-Z_]+ = \"([a-z-]+)\"").matcher(roles);
    while (constant.find()) {
      apiRoles.add(constant.group(1));
    }
    assertThat(apiRoles).isNotEmpty();
    assertThat(REALM.getList("roles.realm.name", String.class))
        .containsExactlyInAnyOrderElementsOf(apiRoles);
  }

  @Test
  void everyClientThatIssuesTokensPutsAudienceGroupsAndTenantInTheAccessToken() {
    List<Map<String, Object>> clients = REALM.getList("clients");
    assertThat(clients).extracting(c -> c.get("clientId")).contains("agent-runtime-api");
    for (Map<String, Object> client : clients) {
      if (Boolean.TRUE.equals(client.get("bearerOnly"))) {
        continue;
      }
      String id = (String) client.get("clientId");
      List<Map<String, Object>> mappers = mappers(client);
      assertThat(config(mappers, "oidc-audience-mapper"))
          .as(id)
          .containsEntry("included.custom.audience", "agent-runtime-api")
          .containsEntry("access.token.claim", "true");
      assertThat(config(mappers, "oidc-usermodel-realm-role-mapper"))
          .as(id)
          .containsEntry("claim.name", "groups")
          .containsEntry("multivalued", "true")
          .containsEntry("access.token.claim", "true");
      Map<String, Object> tenant =
          Boolean.TRUE.equals(client.get("serviceAccountsEnabled"))
              ? config(mappers, "oidc-hardcoded-claim-mapper")
              : config(mappers, "oidc-usermodel-attribute-mapper");
      assertThat(tenant)
          .as(id)
          .containsEntry("claim.name", "tenant")
          .containsEntry("access.token.claim", "true");
      if (Boolean.TRUE.equals(client.get("serviceAccountsEnabled"))) {
        assertThat(id).startsWith(tenant.get("claim.value") + "-");
        assertThat(client.get("standardFlowEnabled")).as(id).isEqualTo(false);
        assertThat(client.get("directAccessGrantsEnabled")).as(id).isEqualTo(false);
      } else {
        assertThat(tenant).containsEntry("user.attribute", "tenant");
        assertThat(client.get("publicClient")).as(id).isEqualTo(true);
        @SuppressWarnings("unchecked")
        Map<String, Object> attributes = (Map<String, Object>) client.get("attributes");
        assertThat(attributes).containsEntry("pkce.code.challenge.method", "S256");
        assertThat(client.get("implicitFlowEnabled")).isEqualTo(false);
        @SuppressWarnings("unchecked")
        List<String> redirects = (List<String>) client.get("redirectUris");
        assertThat(redirects)
            .allMatch(u -> u.startsWith("http://localhost") || u.startsWith("http://127.0.0.1"));
      }
    }
  }

  @Test
  void theTenantAttributeIsDeclaredAndOnlyAdministratorsEditIt() {
    String profile =
        REALM.getString(
            "components.'org.keycloak.userprofile.UserProfileProvider'[0].config."
                + "'kc.user.profile.config'[0]");
    JsonPath config = new JsonPath(profile);
    Map<String, Object> tenant = config.getMap("attributes.find { it.name == 'tenant' }");
    assertThat(tenant).isNotNull();
    assertThat(config.getList("attributes.find { it.name == 'tenant' }.permissions.edit"))
        .containsExactly("admin");
    // Every user with a tenant names one the attribute's pattern accepts.
    for (Map<String, Object> user : REALM.<Map<String, Object>>getList("users")) {
      @SuppressWarnings("unchecked")
      Map<String, List<String>> attributes = (Map<String, List<String>>) user.get("attributes");
      if (attributes != null && attributes.containsKey("tenant")) {
        assertThat(attributes.get("tenant")).allMatch(t -> t.matches("^[a-z][a-z0-9-]{1,62}$"));
      }
    }
  }

  @Test
  void itSaysItIsForLocalUseOnlyAndEnforcesBruteForceProtectionAndShortTokens() {
    assertThat(REALM.getString("displayName")).contains("LOCAL USE ONLY");
    assertThat(REALM.getString("attributes._comment")).contains("LOCAL USE ONLY");
    assertThat(REALM.getBoolean("bruteForceProtected")).isTrue();
    assertThat(REALM.getInt("accessTokenLifespan")).isEqualTo(300);
    for (Map<String, Object> user : REALM.<Map<String, Object>>getList("users")) {
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> credentials =
          (List<Map<String, Object>>) user.getOrDefault("credentials", List.of());
      assertThat(credentials).allMatch(c -> String.valueOf(c.get("value")).endsWith("-LOCAL-ONLY"));
    }
  }

  /**
   * Keycloak stores these in VARCHAR(255) columns and refuses the whole import (the server does not
   * start) when one is longer.
   */
  @Test
  void everyTextKeycloakStoresIn255CharactersFits() {
    for (Map<String, Object> client : REALM.<Map<String, Object>>getList("clients")) {
      for (String field : List.of("clientId", "name", "description")) {
        assertThat(String.valueOf(client.getOrDefault(field, "")))
            .as(client.get("clientId") + " " + field)
            .hasSizeLessThanOrEqualTo(255);
      }
      for (Map<String, Object> mapper : mappers(client)) {
        assertThat(String.valueOf(mapper.get("name"))).hasSizeLessThanOrEqualTo(255);
      }
    }
    assertThat(REALM.getString("displayName")).hasSizeLessThanOrEqualTo(255);
    for (Map<String, Object> role : REALM.<Map<String, Object>>getList("roles.realm")) {
      assertThat(String.valueOf(role.get("description"))).hasSizeLessThanOrEqualTo(255);
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> mappers(Map<String, Object> client) {
    return (List<Map<String, Object>>) client.getOrDefault("protocolMappers", List.of());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> config(List<Map<String, Object>> mappers, String type) {
    return mappers.stream()
        .filter(m -> type.equals(m.get("protocolMapper")))
        .map(m -> (Map<String, Object>) m.get("config"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + " mapper"));
  }
}
