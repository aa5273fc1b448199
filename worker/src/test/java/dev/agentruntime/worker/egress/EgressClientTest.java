package dev.agentruntime.worker.egress;

import static dev.agentruntime.worker.egress.LocalHttpServer.redirect;
import static dev.agentruntime.worker.egress.LocalHttpServer.respond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The egress client against real local servers; only DNS is faked, since DNS is under test. */
class EgressClientTest {

  private final List<LocalHttpServer> servers = new ArrayList<>();
  private final FakeResolver dns = new FakeResolver();

  @AfterEach
  void stopServers() {
    servers.forEach(LocalHttpServer::close);
  }

  private LocalHttpServer server() {
    LocalHttpServer server = LocalHttpServer.http().on("/", e -> respond(e, 200, "hello"));
    servers.add(server);
    return server;
  }

  private EgressClient client(String... rules) {
    return new EgressClient(TestEgress.gate(dns, rules), EgressLimits.DEFAULTS);
  }

  private static EgressResponse get(EgressClient client, String url) throws EgressException {
    return client.execute("GET", URI.create(url), Map.of(), null);
  }

  @Test
  void aHostNoRuleAllowsIsRefusedAndNothingIsLookedUpOrConnected() {
    LocalHttpServer server = server();

    assertThatThrownBy(() -> get(client(), "http://127.0.0.1:" + server.port() + "/"))
        .isInstanceOf(EgressRefused.class)
        .hasMessage("refused: host 127.0.0.1 is not on this tool's egress allowlist");
    assertThatThrownBy(() -> get(client("api.example.com"), "https://other.test/"))
        .isInstanceOf(EgressRefused.class)
        .hasMessage("refused: host other.test is not on this tool's egress allowlist");
    assertThat(server.received()).isEmpty();
    assertThat(dns.asked()).isEmpty();
  }

  @Test
  void plainHttpIsRefusedUnlessTheRuleSaysHttp() throws Exception {
    LocalHttpServer server = server();
    String url = "http://127.0.0.1:" + server.port() + "/";

    assertThatThrownBy(() -> get(client("127.0.0.1:" + server.port()), url))
        .isInstanceOf(EgressRefused.class)
        .hasMessageStartingWith("refused: plain http to 127.0.0.1 is not allowed, only https");
    assertThat(server.received()).isEmpty();

    EgressResponse response = get(client("http://127.0.0.1:" + server.port()), url);
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.bodyText()).isEqualTo("hello");
  }

  @Test
  void aPortTheRuleDoesNotNameIsRefused() {
    LocalHttpServer server = server();

    assertThatThrownBy(() -> get(client("http://127.0.0.1"), "http://127.0.0.1:" + server.port()))
        .isInstanceOf(EgressRefused.class)
        .hasMessage("refused: port " + server.port() + " is not allowed for host 127.0.0.1");
    assertThat(server.received()).isEmpty();
  }

  @Test
  void aHostThatResolvesToAPrivateAddressIsRefused() {
    dns.answer("evil.test", "10.0.0.7");

    assertThatThrownBy(() -> get(client("evil.test"), "https://evil.test/"))
        .isInstanceOf(EgressRefused.class)
        .hasMessage(
            "refused: 10.0.0.7 (private address) is not allowed for host evil.test: the platform refuses it unless the operator grants it to the tenant");
  }

  @Test
  void aHostWithOneBlockedAddressAmongPublicOnesIsRefused() {
    dns.answer("mixed.test", "93.184.216.34", "2606:4700::1", "::ffff:169.254.169.254");

    assertThatThrownBy(() -> get(client("mixed.test"), "https://mixed.test/"))
        .isInstanceOf(EgressRefused.class)
        .hasMessage(
            "refused: 169.254.169.254 (link-local address, where cloud metadata lives)"
                + " is not allowed for host mixed.test: the platform refuses it unless the operator grants it to the tenant");
  }

  @Test
  void aHostNameRuleDoesNotUnlockALoopbackAnswerEvenWithAServerListening() {
    LocalHttpServer server = server();
    dns.answer("local.test", "127.0.0.1");

    assertThatThrownBy(
            () -> get(client("http://local.test:" + server.port()), url("local.test", server)))
        .isInstanceOf(EgressRefused.class)
        .hasMessage(
            "refused: 127.0.0.1 (loopback address) is not allowed for host local.test: the platform refuses it unless the operator grants it to the tenant");
    assertThat(server.received()).isEmpty();
  }

  @Test
  void dnsRebindingFailsBecauseTheClientConnectsToTheAddressItCheckedWithoutAskingAgain()
      throws Exception {
    LocalHttpServer server = server();
    // Checked answer first, the attacker's answer to any later question.
    dns.answer("rebind.test", "127.0.0.1").answer("rebind.test", "10.0.0.7");
    EgressClient client =
        client("http://rebind.test:" + server.port(), "http://127.0.0.1:" + server.port());

    EgressResponse response = get(client, url("rebind.test", server) + "hello");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.bodyText()).isEqualTo("hello");
    assertThat(dns.asked("rebind.test")).isEqualTo(1);
    assertThat(server.received())
        .singleElement()
        .satisfies(r -> assertThat(r.header("Host")).isEqualTo("rebind.test:" + server.port()));
  }

  @Test
  void aRedirectToTheMetadataAddressIsRefused() {
    LocalHttpServer server = server();
    server.on("/go", e -> redirect(e, 302, "http://169.254.169.254/latest/meta-data"));
    EgressClient client = client("http://127.0.0.1:" + server.port());

    assertThatThrownBy(() -> get(client, url("127.0.0.1", server) + "go"))
        .isInstanceOf(EgressRefused.class)
        .hasMessage(
            "refused: redirect to http://169.254.169.254/latest/meta-data:"
                + " host 169.254.169.254 is not on this tool's egress allowlist");
  }

  @Test
  void aRedirectToAnAllowedNameThatResolvesToTheMetadataAddressIsRefused() {
    LocalHttpServer server = server();
    server.on("/go", e -> redirect(e, 307, "http://metadata.test/latest/meta-data"));
    dns.answer("metadata.test", "169.254.169.254");
    EgressClient client = client("http://127.0.0.1:" + server.port(), "http://metadata.test");

    assertThatThrownBy(() -> get(client, url("127.0.0.1", server) + "go"))
        .isInstanceOf(EgressRefused.class)
        .hasMessage(
            "refused: redirect to http://metadata.test/latest/meta-data: 169.254.169.254"
                + " (link-local address, where cloud metadata lives)"
                + " is not allowed for host metadata.test: the platform refuses it unless the operator grants it to the tenant");
  }

  @Test
  void aCrossHostRedirectDropsCredentialsAndASameHostRedirectKeepsThem() throws Exception {
    LocalHttpServer a = server();
    LocalHttpServer b = server();
    dns.answer("a.test", "127.0.0.1").answer("b.test", "127.0.0.1");
    a.on("/cross", e -> redirect(e, 302, url("b.test", b) + "landed"));
    a.on("/same", e -> redirect(e, 302, "/landed"));
    EgressClient client =
        client(
            "http://a.test:" + a.port(),
            "http://b.test:" + b.port(),
            "http://127.0.0.1:" + a.port(),
            "http://127.0.0.1:" + b.port());
    Map<String, String> headers =
        Map.of(
            "Authorization", "Bearer secret",
            "Cookie", "session=secret",
            "Proxy-Authorization", "Basic secret",
            "X-Trace", "kept");

    EgressResponse cross =
        client.execute("GET", URI.create(url("a.test", a) + "cross"), headers, null);
    EgressResponse same =
        client.execute("GET", URI.create(url("a.test", a) + "same"), headers, null);

    assertThat(cross.finalUrl()).hasToString(url("b.test", b) + "landed");
    LocalHttpServer.Received atB = b.received().get(0);
    assertThat(atB.header("Authorization")).isNull();
    assertThat(atB.header("Cookie")).isNull();
    assertThat(atB.header("Proxy-Authorization")).isNull();
    assertThat(atB.header("X-Trace")).isEqualTo("kept");

    assertThat(same.finalUrl()).hasToString(url("a.test", a) + "landed");
    LocalHttpServer.Received landedAtA = a.received().get(a.received().size() - 1);
    assertThat(landedAtA.path()).isEqualTo("/landed");
    assertThat(landedAtA.header("Authorization")).isEqualTo("Bearer secret");
    assertThat(landedAtA.header("Cookie")).isEqualTo("session=secret");
  }

  @Test
  void fiveRedirectsAreFollowedAndASixthIsRefused() throws Exception {
    LocalHttpServer server = server();
    server.on(
        "/hop/",
        e -> {
          int n = Integer.parseInt(e.getRequestURI().getPath().substring("/hop/".length()));
          redirect(e, 302, "/hop/" + (n + 1));
        });
    server.on("/hop/5", e -> respond(e, 200, "after five"));
    server.on("/loop", e -> redirect(e, 302, "/loop"));
    EgressClient client = client("http://127.0.0.1:" + server.port());

    assertThat(get(client, url("127.0.0.1", server) + "hop/0").bodyText()).isEqualTo("after five");
    assertThatThrownBy(() -> get(client, url("127.0.0.1", server) + "loop"))
        .isInstanceOf(EgressRefused.class)
        .hasMessageStartingWith("refused: more than 5 redirects");
    assertThat(server.received()).filteredOn(r -> r.path().equals("/loop")).hasSize(6);
  }

  @Test
  void aBodyLargerThanTheCapIsTruncatedAndFlaggedWithoutReadingTheRest() throws Exception {
    long total = 256L * 1024 * 1024;
    AtomicLong written = new AtomicLong();
    AtomicBoolean completed = new AtomicBoolean();
    CountDownLatch handlerDone = new CountDownLatch(1);
    LocalHttpServer server = server();
    server.on(
        "/big",
        e -> {
          try {
            e.sendResponseHeaders(200, 0); // chunked: the client cannot know the size up front
            byte[] chunk = new byte[64 * 1024];
            try (OutputStream out = e.getResponseBody()) {
              while (written.get() < total) {
                out.write(chunk);
                written.addAndGet(chunk.length);
              }
            }
            completed.set(true);
          } finally {
            handlerDone.countDown();
          }
        });
    EgressClient client =
        new EgressClient(
            TestEgress.gate(dns, "http://127.0.0.1:" + server.port()),
            new EgressLimits(100_000, Duration.ofSeconds(5), Duration.ofSeconds(30)));

    EgressResponse response = get(client, url("127.0.0.1", server) + "big");

    assertThat(response.truncated()).isTrue();
    assertThat(response.body()).hasSize(100_000);
    assertThat(handlerDone.await(20, TimeUnit.SECONDS)).isTrue();
    assertThat(completed).isFalse();
    // What the kernel's socket buffers hold (about 4 MiB here), never the 256 MiB body.
    assertThat(written.get()).isLessThan(total / 16);
  }

  @Test
  void aBodyWithinTheCapIsWholeAndNotFlagged() throws Exception {
    LocalHttpServer server = server();
    EgressResponse response =
        get(client("http://127.0.0.1:" + server.port()), url("127.0.0.1", server));

    assertThat(response.truncated()).isFalse();
    assertThat(response.bodyText()).isEqualTo("hello");
    assertThat(response.headers()).containsKey("content-length");
  }

  @Test
  void aSlowServerHitsTheTotalTimeCap() {
    LocalHttpServer server = server();
    // A byte every 100 ms: no read ever waits long, only the whole response is slow.
    server.on(
        "/slow",
        e -> {
          e.sendResponseHeaders(200, 0);
          try (OutputStream out = e.getResponseBody()) {
            for (int i = 0; i < 200; i++) {
              out.write('x');
              out.flush();
              Thread.sleep(100);
            }
          } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
          }
        });
    EgressClient client =
        new EgressClient(
            TestEgress.gate(dns, "http://127.0.0.1:" + server.port()),
            new EgressLimits(1024 * 1024, Duration.ofSeconds(1), Duration.ofMillis(1_000)));

    long start = System.nanoTime();
    assertThatThrownBy(() -> get(client, url("127.0.0.1", server) + "slow"))
        .isInstanceOf(EgressFailed.class)
        .hasMessage("failed: timed out: no complete response within 1000 ms (the total time cap)");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void aCallerCannotPointTheHostHeaderElsewhere() throws Exception {
    LocalHttpServer server = server();
    EgressClient client = client("http://127.0.0.1:" + server.port());

    client.execute(
        "GET", URI.create(url("127.0.0.1", server)), Map.of("Host", "internal.admin"), null);

    assertThat(server.received())
        .singleElement()
        .satisfies(r -> assertThat(r.header("Host")).isEqualTo("127.0.0.1:" + server.port()));
  }

  @Test
  void credentialsInTheUrlAreRefused() {
    assertThatThrownBy(() -> get(client("evil.test"), "https://allowed.test@evil.test/"))
        .isInstanceOf(EgressRefused.class)
        .hasMessage("refused: credentials in the URL are not allowed, use a header");
  }

  private static String url(String host, LocalHttpServer server) {
    return "http://" + host + ":" + server.port() + "/";
  }
}
