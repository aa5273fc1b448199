package dev.agentruntime.worker.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.StandardConstants;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pinning replaces only the address lookup: with the connection going to the checked 127.0.0.1, the
 * client still sends the URL's host as SNI and verifies the certificate against it.
 */
class EgressHttpsTest {

  private static final char[] PASSWORD = "changeit".toCharArray();

  @TempDir static Path dir;
  private static LocalHttpServer server;
  private static X509TrustManager trust;
  private static final List<String> sniSeen = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void startServerWithSelfSignedCertificateForEgressTest() throws Exception {
    Path store = dir.resolve("egress.p12");
    // keytool ships with every JDK: a self-signed certificate for egress.test, no extra library.
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "egress",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=egress.test",
                "-ext",
                "san=dns:egress.test",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                "changeit")
            .redirectErrorStream(true)
            .start();
    String output = new String(keytool.getInputStream().readAllBytes());
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue()).as(output).isZero();

    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keys.load(in, PASSWORD);
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, PASSWORD);
    SSLContext serverContext = SSLContext.getInstance("TLS");
    serverContext.init(kmf.getKeyManagers(), null, null);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(keys);
    trust = (X509TrustManager) tmf.getTrustManagers()[0];

    SNIMatcher recordSni =
        new SNIMatcher(StandardConstants.SNI_HOST_NAME) {
          @Override
          public boolean matches(SNIServerName name) {
            sniSeen.add(((SNIHostName) name).getAsciiName());
            return true;
          }
        };
    server =
        LocalHttpServer.https(serverContext, p -> p.setSNIMatchers(List.of(recordSni)))
            .on("/", e -> LocalHttpServer.respond(e, 200, "secure hello"));
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  private EgressClient client(FakeResolver dns, String host) {
    return new EgressClient(
        TestEgress.gate(dns, host + ":" + server.port(), "127.0.0.1:" + server.port()),
        EgressLimits.DEFAULTS,
        trust);
  }

  @Test
  void httpsToThePinnedAddressSendsSniAndVerifiesTheCertificateAgainstTheHostName()
      throws Exception {
    FakeResolver dns = new FakeResolver().answer("egress.test", "127.0.0.1");

    EgressResponse response =
        client(dns, "egress.test")
            .execute(
                "GET", URI.create("https://egress.test:" + server.port() + "/"), Map.of(), null);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.bodyText()).isEqualTo("secure hello");
    assertThat(sniSeen).contains("egress.test");
    assertThat(dns.asked("egress.test")).isEqualTo(1);
  }

  @Test
  void aCertificateForAnotherHostFailsEvenAtAnAllowedAddress() {
    FakeResolver dns = new FakeResolver().answer("wrong.test", "127.0.0.1");

    assertThatThrownBy(
            () ->
                client(dns, "wrong.test")
                    .execute(
                        "GET",
                        URI.create("https://wrong.test:" + server.port() + "/"),
                        Map.of(),
                        null))
        .isInstanceOf(EgressFailed.class)
        .hasMessageStartingWith("failed: TLS with wrong.test failed");
    assertThat(server.received())
        .noneMatch(r -> r.headers().get("host").get(0).startsWith("wrong"));
  }
}
