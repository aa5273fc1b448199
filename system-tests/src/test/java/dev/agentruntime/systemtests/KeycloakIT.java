package dev.agentruntime.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.agentruntime.client.AgentRuntimeClient;
import dev.agentruntime.client.ApiException;
import dev.agentruntime.client.ApiResponse;
import dev.agentruntime.client.model.AgentResponse;
import dev.agentruntime.client.model.AgentSpec;
import dev.agentruntime.client.model.ApprovalResponse;
import dev.agentruntime.client.model.CreateAgentRequest;
import dev.agentruntime.client.model.CreateRunRequest;
import dev.agentruntime.client.model.CreateTenantRequest;
import dev.agentruntime.client.model.DecideApprovalRequest;
import dev.agentruntime.client.model.ModelSpec;
import dev.agentruntime.client.model.PublishVersionRequest;
import dev.agentruntime.client.model.RunControlRequest;
import dev.agentruntime.client.model.RunResponse;
import dev.agentruntime.client.model.TenantResponse;
import dev.agentruntime.embedded.Ports;
import dev.agentruntime.standalone.Stack;
import dev.agentruntime.standalone.StackSettings;
import dev.agentruntime.testkit.FakeOpenAiServer;
import dev.agentruntime.testkit.KeycloakServer;
import io.restassured.path.json.JsonPath;
import io.smallrye.jwt.build.Jwt;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged API and worker against the real Keycloak with the realm of {@code
 * auth/keycloak-realm.json}: the API configured only by issuer and JWKS URL, tokens obtained as
 * people (password grant of the public client) and as machines (client credentials of the tenants'
 * service accounts). Each role is allowed and refused as docs/api.md's table says, tenants are
 * isolated, tokens of another realm or signed by another key are refused, and a rotated signing key
 * is accepted without a restart of the API.
 *
 * <p>One Keycloak for the class (about 35 s to start, in parallel with the stack). The key rotation
 * runs before any token with an unknown key reaches the API: a token with a new {@code kid} makes
 * the API fetch the JWKS at once, at most once a minute ({@code
 * smallrye.jwt.jwks.forced-refresh-interval}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeycloakIT {

  private static final String REALM = "agent-runtime";
  private static final String CLI = "agent-runtime-cli";
  private static final RunControlRequest REASON = new RunControlRequest().reason("KeycloakIT");

  private KeycloakServer keycloak;
  private FakeOpenAiServer model;
  private Stack stack;
  private String acmeAgentId;
  private String acmeRunId;

  @BeforeAll
  void start() throws URISyntaxException {
    Path home =
        Path.of(System.getProperty("agent-runtime.e2e.home", "target/e2e"), "keycloak")
            .toAbsolutePath();
    Path realmFile = Path.of("..", "auth", "keycloak-realm.json").toAbsolutePath();
    Path otherRealm = Path.of(getClass().getResource("/keycloak/other-realm.json").toURI());
    int keycloakPort = Ports.free();
    String issuer = "http://127.0.0.1:" + keycloakPort + "/realms/" + REALM;
    long started = System.nanoTime();
    CompletableFuture<KeycloakServer> keycloakStart =
        CompletableFuture.supplyAsync(
            () ->
                KeycloakServer.start(
                    home.resolve("keycloak"), keycloakPort, List.of(realmFile, otherRealm), REALM));
    model = FakeOpenAiServer.start();
    try {
      // The API reads only the issuer and the JWKS URL: nothing is fetched before the first token.
      stack =
          Stack.start(
              new StackSettings(
                  home,
                  Path.of(System.getProperty("agent-runtime.api.app")),
                  Path.of(System.getProperty("agent-runtime.worker.app")),
                  Ports.free(),
                  Ports.free(),
                  0,
                  Map.of(),
                  Map.of(
                      "mp.jwt.verify.issuer",
                      issuer,
                      "mp.jwt.verify.publickey.location",
                      issuer + "/protocol/openid-connect/certs",
                      "agent-runtime.limits.run-admissions-per-second",
                      "1000",
                      // The console signs people in at this realm (ConsoleSignIn).
                      "agent-runtime.console.oidc.issuer",
                      issuer,
                      // The demo realm signs with its published key until the rotation test.
                      "agent-runtime.auth.allow-demo-signing-key",
                      "true"),
                  Map.of()));
    } finally {
      keycloak = keycloakStart.join();
    }
    assertThat(keycloak.issuer(REALM)).isEqualTo(issuer);
    System.out.printf(
        "Keycloak %s and the stack ready after %d ms%n",
        KeycloakServer.VERSION, (System.nanoTime() - started) / 1_000_000);

    // The platform admin (no tenant) creates the two demo tenants the realm's users belong to.
    AgentRuntimeClient platformAdmin = api(user("platform-admin"));
    for (String tenant : List.of("acme", "globex")) {
      status(
          201,
          () ->
              platformAdmin
                  .tenants()
                  .createTenantWithHttpInfo(
                      new CreateTenantRequest().id(tenant).displayName(tenant)));
    }
  }

  @AfterAll
  void stop() {
    try {
      if (stack != null) {
        stack.close();
      }
    } finally {
      if (keycloak != null) {
        keycloak.close();
      }
      if (model != null) {
        model.close();
      }
    }
  }

  @Test
  @Order(1)
  void tokensCarryTheAudienceRolesAndTenantTheApiReads() {
    Map<String, Object> person = claims(user("acme-admin"));
    assertThat(person.get("iss")).isEqualTo(keycloak.issuer(REALM));
    assertThat(audiences(person)).contains("agent-runtime-api");
    assertThat(groups(person)).containsExactlyInAnyOrder("agent-admin", "runner", "viewer");
    assertThat(person.get("tenant")).isEqualTo("acme");

    Map<String, Object> machine = claims(service("globex"));
    assertThat(audiences(machine)).contains("agent-runtime-api");
    assertThat(groups(machine)).containsExactlyInAnyOrder("runner", "viewer");
    assertThat(machine.get("tenant")).isEqualTo("globex");

    Map<String, Object> platform = claims(user("platform-admin"));
    assertThat(groups(platform)).containsExactly("platform-admin");
    assertThat(platform).doesNotContainKey("tenant");
  }

  @Test
  @Order(2)
  void onlyThePlatformAdminManagesTenants() {
    AgentRuntimeClient platformAdmin = api(user("platform-admin"));
    assertThat(E2ETenant.call(() -> platformAdmin.tenants().listTenants()))
        .extracting(TenantResponse::getId)
        .contains("acme", "globex");
    status(200, () -> platformAdmin.tenants().getTenantWithHttpInfo("acme"));
    // platform-admin is no tenant role: no agents, no runs.
    status(403, () -> platformAdmin.agents().listAgentsWithHttpInfo());
    status(403, () -> platformAdmin.agents().createAgentWithHttpInfo(agent("x")));
    CreateTenantRequest evil = new CreateTenantRequest().id("evil").displayName("evil");
    for (String tenantUser : List.of("acme-admin", "acme-runner", "acme-viewer", "acme-approver")) {
      AgentRuntimeClient member = api(user(tenantUser));
      status(403, () -> member.tenants().listTenantsWithHttpInfo());
      status(403, () -> member.tenants().createTenantWithHttpInfo(evil));
    }
    status(403, () -> api(service("acme")).tenants().listTenantsWithHttpInfo());
  }

  @Test
  @Order(3)
  void eachRoleIsAllowedAndRefusedAsDocumented() {
    String admin = user("acme-admin");
    AgentRuntimeClient runner = api(user("acme-runner"));
    AgentRuntimeClient viewer = api(user("acme-viewer"));
    String approverToken = user("acme-approver");
    AgentRuntimeClient approver = api(approverToken);
    AgentRuntimeClient automation = api(service("acme"));

    // agent-admin: creates agents and publishes versions.
    E2ETenant acmeAdmin = E2ETenant.withToken(stack, "acme", admin);
    acmeAgentId = acmeAdmin.createGatedAgent("keycloak-notes", model.baseUrl());
    UUID agent = UUID.fromString(acmeAgentId);
    PublishVersionRequest other =
        new PublishVersionRequest()
            .spec(
                new AgentSpec()
                    .model(new ModelSpec().provider(ModelSpec.ProviderEnum.DEMO))
                    .instructions("Other."));

    // runner: starts runs and reads, but neither creates agents nor publishes versions.
    status(403, () -> runner.agents().createAgentWithHttpInfo(agent("by-runner")));
    status(403, () -> runner.agents().publishVersionWithHttpInfo(agent, other));
    status(200, () -> runner.agents().getAgentWithHttpInfo(agent));
    E2ETenant acmeRunner = E2ETenant.withToken(stack, "acme", user("acme-runner"));
    acmeRunId = acmeRunner.startRun("keycloak-notes", "approved by a person");
    UUID run = UUID.fromString(acmeRunId);
    CreateRunRequest no = E2ETenant.runRequest("keycloak-notes", "no");

    // viewer: reads only.
    status(200, () -> viewer.agents().listAgentsWithHttpInfo());
    status(200, () -> viewer.agents().listVersionsWithHttpInfo(agent));
    status(200, () -> viewer.runs().getRunWithHttpInfo(run, null));
    status(200, () -> viewer.runs().listRunEventsWithHttpInfo(run, null, null));
    status(200, () -> viewer.runs().listArtifactsWithHttpInfo(run));
    status(403, () -> viewer.agents().createAgentWithHttpInfo(agent("by-viewer")));
    status(403, () -> viewer.agents().publishVersionWithHttpInfo(agent, other));
    status(403, () -> viewer.runs().startRunWithHttpInfo(no, null));
    status(403, () -> viewer.runs().cancelRunWithHttpInfo(run, REASON));
    status(403, () -> viewer.runs().pauseRunWithHttpInfo(run, REASON));

    // approver: reads and decides approvals, nothing else.
    await()
        .atMost(Duration.ofSeconds(120))
        .until(() -> acmeRunner.status(acmeRunId) == RunResponse.StatusEnum.WAITING_FOR_APPROVAL);
    ApprovalResponse pending = E2ETenant.call(() -> approver.approvals().listApprovals(run)).get(0);
    UUID approval = UUID.fromString(pending.getId());
    DecideApprovalRequest approve =
        new DecideApprovalRequest()
            .decision(DecideApprovalRequest.DecisionEnum.APPROVE)
            .argumentsSha256(pending.getArgumentsSha256());
    status(403, () -> approver.agents().listAgentsWithHttpInfo());
    status(403, () -> approver.runs().getRunWithHttpInfo(run, null));
    status(403, () -> approver.runs().startRunWithHttpInfo(no, null));
    status(403, () -> runner.approvals().decideApprovalWithHttpInfo(approval, run, approve));
    status(403, () -> viewer.approvals().decideApprovalWithHttpInfo(approval, run, approve));
    status(403, () -> automation.approvals().decideApprovalWithHttpInfo(approval, run, approve));
    ApprovalResponse decided =
        E2ETenant.call(() -> approver.approvals().decideApproval(approval, run, approve));
    assertThat(decided.getStatus()).isEqualTo(ApprovalResponse.StatusEnum.APPROVED);
    assertThat(decided.getDecidedBy()).isEqualTo(claims(approverToken).get("sub"));
    RunResponse ended = acmeRunner.awaitEnd(acmeRunId, Duration.ofSeconds(120));
    assertThat(ended.getStatus()).isEqualTo(RunResponse.StatusEnum.SUCCEEDED);

    // A service account with runner and viewer: starts and controls runs, reads, no more.
    status(200, () -> automation.agents().getAgentWithHttpInfo(agent));
    status(403, () -> automation.agents().createAgentWithHttpInfo(agent("by-machine")));
    status(403, () -> automation.agents().publishVersionWithHttpInfo(agent, other));
    E2ETenant acmeMachine = E2ETenant.withToken(stack, "acme", service("acme"));
    String machineRun = acmeMachine.startRun("keycloak-notes", "cancelled by a machine");
    status(202, () -> automation.runs().cancelRunWithHttpInfo(UUID.fromString(machineRun), REASON));
    assertThat(acmeMachine.awaitEnd(machineRun, Duration.ofSeconds(120)).getStatus())
        .isEqualTo(RunResponse.StatusEnum.CANCELLED);
  }

  @Test
  @Order(4)
  void anotherTenantsTokensSeeNothingOfAcme() {
    assertThat(acmeAgentId).as("set by the roles test").isNotNull();
    UUID agent = UUID.fromString(acmeAgentId);
    UUID run = UUID.fromString(acmeRunId);
    for (String token : List.of(user("globex-admin"), user("globex-viewer"), service("globex"))) {
      AgentRuntimeClient globex = api(token);
      status(404, () -> globex.agents().getAgentWithHttpInfo(agent));
      status(404, () -> globex.agents().listVersionsWithHttpInfo(agent));
      status(404, () -> globex.runs().getRunWithHttpInfo(run, null));
      status(404, () -> globex.runs().listRunEventsWithHttpInfo(run, null, null));
      assertThat(E2ETenant.call(() -> globex.agents().listAgents()))
          .extracting(AgentResponse::getId)
          .doesNotContain(agent);
    }
    CreateRunRequest steal =
        new CreateRunRequest()
            .agentId(agent)
            .input(JsonNodeFactory.instance.objectNode().put("message", "steal"));
    status(404, () -> api(service("globex")).runs().startRunWithHttpInfo(steal, null));
    status(404, () -> api(user("globex-admin")).runs().cancelRunWithHttpInfo(run, REASON));
  }

  @Test
  @Order(5)
  void aRotatedSigningKeyIsAcceptedWithoutARestartAndTheRemovedOneIsNot() {
    long apiPid = stack.api().pid();
    String before = user("acme-viewer");
    status(200, () -> api(before).agents().listAgentsWithHttpInfo());

    String newKid = keycloak.rotateSigningKey(REALM);
    String after = user("acme-viewer");
    assertThat(header(after).get("kid")).isEqualTo(newKid).isNotEqualTo(header(before).get("kid"));

    long rotated = System.nanoTime();
    await()
        .atMost(Duration.ofSeconds(150))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> statusOf(() -> api(after).agents().listAgentsWithHttpInfo()) == 200);
    System.out.printf(
        "a token signed by the rotated-in key was accepted %d ms after the rotation%n",
        (System.nanoTime() - rotated) / 1_000_000);
    // The old key left the JWKS with its provider: once the API has the new set, tokens it
    // signed are refused, though they have not expired.
    await()
        .atMost(Duration.ofMinutes(6))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> statusOf(() -> api(before).agents().listAgentsWithHttpInfo()) == 401);
    assertThat(stack.api().pid()).as("the same API process").isEqualTo(apiPid);
    assertThat(stack.api().isAlive()).isTrue();
  }

  @Test
  @Order(6)
  void tokensOfAnotherRealmOrSignedByAnotherKeyAreRefused() throws NoSuchAlgorithmException {
    // Same claims, audience and client id, but issued by the realm "other" of the same Keycloak.
    String otherRealm = keycloak.passwordGrant("other", CLI, "intruder", "intruder-password");
    assertThat(claims(otherRealm).get("tenant")).isEqualTo("acme");
    assertThat(groups(claims(otherRealm))).contains("platform-admin", "runner");
    status(401, () -> api(otherRealm).agents().listAgentsWithHttpInfo());
    status(401, () -> api(otherRealm).tenants().listTenantsWithHttpInfo());

    // The realm's issuer and its current kid, signed by a key that is not the realm's.
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    PrivateKey foreign = generator.generateKeyPair().getPrivate();
    String kid = (String) header(user("acme-viewer")).get("kid");
    String forged =
        Jwt.issuer(keycloak.issuer(REALM))
            .audience("agent-runtime-api")
            .subject("forger")
            .groups(Set.of("agent-admin", "runner", "viewer", "platform-admin"))
            .claim("tenant", "acme")
            .expiresIn(Duration.ofMinutes(5))
            .jws()
            .keyId(kid)
            .sign(foreign);
    status(401, () -> api(forged).agents().listAgentsWithHttpInfo());
    status(401, () -> api(forged).tenants().listTenantsWithHttpInfo());
    // No token at all: the generated client always sends one, so this request is raw.
    assertThat(given().baseUri(stack.apiUrl()).get("/v1/agents").statusCode()).isEqualTo(401);
    // The genuine token still works: the refusals are about the tokens, not the API.
    status(200, () -> api(user("acme-viewer")).agents().listAgentsWithHttpInfo());
  }

  @Test
  @Order(7)
  void theRealmHoldsPeopleToPkceAndLoopbackMachinesToClientCredentialsAndLocksOutGuessers()
      throws Exception {
    String endpoint = keycloak.issuer(REALM) + "/protocol/openid-connect";
    String challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
    String authorize =
        endpoint + "/auth?client_id=" + CLI + "&response_type=code&scope=openid&redirect_uri=";
    String loopback = "http%3A%2F%2F127.0.0.1%3A53123%2Fcallback";
    // No code_challenge: sent back to the client with an error, no login page.
    HttpResponse<String> noPkce = get(authorize + loopback);
    assertThat(noPkce.statusCode()).isEqualTo(302);
    assertThat(noPkce.headers().firstValue("Location").orElseThrow())
        .contains("error=invalid_request");
    HttpResponse<String> plain =
        get(authorize + loopback + "&code_challenge_method=plain&code_challenge=" + challenge);
    assertThat(plain.headers().firstValue("Location").orElse("")).contains("error=invalid_request");
    // S256 to a loopback port: the login page.
    assertThat(
            get(authorize + loopback + "&code_challenge_method=S256&code_challenge=" + challenge)
                .statusCode())
        .isEqualTo(200);
    // Anywhere else: refused without a redirect.
    assertThat(
            get(authorize
                    + "https%3A%2F%2Fevil.example%2Fcallback&code_challenge_method=S256"
                    + "&code_challenge="
                    + challenge)
                .statusCode())
        .isEqualTo(400);
    HttpResponse<String> device =
        post(
            endpoint + "/auth/device",
            "client_id=" + CLI + "&code_challenge_method=S256&code_challenge=" + challenge);
    assertThat(device.statusCode()).isEqualTo(200);
    assertThat(device.body()).contains("user_code");

    // A machine's client: no password grant, and the API's client issues nothing.
    assertThat(
            post(
                    endpoint + "/token",
                    "grant_type=password&client_id=acme-automation"
                        + "&client_secret=acme-automation-secret-LOCAL-ONLY"
                        + "&username=acme-admin&password=acme-admin-LOCAL-ONLY")
                .statusCode())
        .isEqualTo(400);
    assertThat(
            post(endpoint + "/token", "grant_type=client_credentials&client_id=agent-runtime-api")
                .statusCode())
        .isEqualTo(401);

    // Brute-force protection: after five wrong passwords the right one is refused for a while.
    String guess = "grant_type=password&client_id=" + CLI + "&username=globex-viewer&password=";
    assertThat(post(endpoint + "/token", guess + "globex-viewer-LOCAL-ONLY").statusCode())
        .isEqualTo(200);
    for (int i = 0; i < 5; i++) {
      HttpResponse<String> wrong = post(endpoint + "/token", guess + "wrong-" + i);
      assertThat(wrong.statusCode()).isEqualTo(400);
      assertThat(wrong.body()).contains("invalid_grant");
    }
    HttpResponse<String> locked = post(endpoint + "/token", guess + "globex-viewer-LOCAL-ONLY");
    assertThat(locked.statusCode()).isEqualTo(400);
    assertThat(locked.body()).doesNotContain("access_token");
  }

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static HttpResponse<String> get(String url) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(String url, String form) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  @Order(8)
  void aPersonSignsInToTheConsoleAtTheRealmsLoginPage(@TempDir Path work) {
    ConsoleSignIn.throughTheRealm(keycloak, REALM, stack.apiUrl(), work, acmeRunId);
  }

  @Test
  @Order(9)
  void agentctlSignsInWithTheDeviceGrant(@TempDir Path work) throws Exception {
    CliDeviceLogin.throughTheRealm(keycloak, REALM, stack.apiUrl(), work);
  }

  private String user(String username) {
    return keycloak.passwordGrant(REALM, CLI, username, username + "-LOCAL-ONLY");
  }

  private String service(String tenant) {
    return keycloak.clientCredentials(
        REALM, tenant + "-automation", tenant + "-automation-secret-LOCAL-ONLY");
  }

  private AgentRuntimeClient api(String token) {
    return AgentRuntimeClient.create(stack.apiUrl(), token);
  }

  private static CreateAgentRequest agent(String name) {
    return new CreateAgentRequest().name(name);
  }

  /** The status the API answers {@code call} with, success or error. */
  private static int statusOf(E2ETenant.Call<? extends ApiResponse<?>> call) {
    try {
      return call.call().getStatusCode();
    } catch (ApiException e) {
      return e.getCode();
    }
  }

  private static void status(int expected, E2ETenant.Call<? extends ApiResponse<?>> call) {
    int actual;
    String answer;
    try {
      ApiResponse<?> response = call.call();
      actual = response.getStatusCode();
      answer = String.valueOf(response.getData());
    } catch (ApiException e) {
      actual = e.getCode();
      answer = e.getResponseBody();
    }
    assertThat(actual).as("%s", answer).isEqualTo(expected);
  }

  private static Map<String, Object> header(String jwt) {
    return part(jwt, 0);
  }

  private static Map<String, Object> claims(String jwt) {
    return part(jwt, 1);
  }

  private static Map<String, Object> part(String jwt, int index) {
    String json =
        new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[index]), StandardCharsets.UTF_8);
    return new JsonPath(json).getMap("$");
  }

  private static List<String> groups(Map<String, Object> claims) {
    @SuppressWarnings("unchecked")
    List<String> groups = (List<String>) claims.get("groups");
    return groups;
  }

  private static List<String> audiences(Map<String, Object> claims) {
    Object aud = claims.get("aud");
    if (aud instanceof List<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    return List.of(String.valueOf(aud));
  }
}
