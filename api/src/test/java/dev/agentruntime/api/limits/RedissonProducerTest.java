package dev.agentruntime.api.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentruntime.embedded.LocalRedis;
import dev.agentruntime.embedded.SelfSignedCertificate;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Optional;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/**
 * The API's Redis client against real Redis servers that require a password (as an ElastiCache auth
 * token), one of them over TLS as ElastiCache with transit encryption.
 */
class RedissonProducerTest {

  // '#' is allowed in an ElastiCache auth token, and ends the authority part of a URL.
  private static final String TOKEN = "auth-token#1";
  private static final String URL_SAFE_TOKEN = "auth-token-1";

  @TempDir static Path certs;

  private static LocalRedis redis;
  private static LocalRedis tlsRedis;
  private static SelfSignedCertificate certificate;

  @BeforeAll
  static void start() {
    redis = LocalRedis.startWithPassword(TOKEN);
    certificate = SelfSignedCertificate.create(certs, "redis", "ip:127.0.0.1");
    tlsRedis = LocalRedis.startWithTls(certificate, URL_SAFE_TOKEN);
  }

  @AfterAll
  static void stop() {
    redis.close();
    tlsRedis.close();
  }

  @Test
  void theElastiCacheUrlWithTheTokenConnectsOverTls() {
    Config config = RedissonProducer.config(tlsUrl(":" + URL_SAFE_TOKEN + "@"), Optional.empty());

    assertThat(roundTrip(trustingTestCertificate(config))).isEqualTo("value");
  }

  @Test
  void redissVerifiesTheServerCertificate() {
    // Without trusting the test certificate the handshake fails: the JVM's CAs decide.
    Config config = RedissonProducer.config(tlsUrl(":" + URL_SAFE_TOKEN + "@"), Optional.empty());

    assertThatThrownBy(() -> roundTrip(config))
        .satisfies(e -> assertThat(messages(e)).containsIgnoringCase("certification path"));
  }

  @Test
  void thePasswordPropertyAuthenticatesATokenAUrlCannotCarry() {
    String url = "redis://127.0.0.1:" + redis.port();

    assertThat(roundTrip(RedissonProducer.config(url, Optional.of(TOKEN)))).isEqualTo("value");
  }

  @Test
  void thePasswordPropertyWorksOverTlsToo() {
    Config config = RedissonProducer.config(tlsUrl(""), Optional.of(URL_SAFE_TOKEN));

    assertThat(roundTrip(trustingTestCertificate(config))).isEqualTo("value");
  }

  @Test
  void aWrongPasswordIsRefusedByTheServer() {
    String url = "redis://:wrong@127.0.0.1:" + redis.port();

    assertThatThrownBy(() -> roundTrip(RedissonProducer.config(url, Optional.empty())))
        .satisfies(e -> assertThat(messages(e)).contains("WRONGPASS"));
  }

  @Test
  void noPasswordIsRefusedByTheServer() {
    String url = "redis://127.0.0.1:" + redis.port();

    assertThatThrownBy(() -> roundTrip(RedissonProducer.config(url, Optional.empty())))
        .satisfies(e -> assertThat(messages(e)).contains("NOAUTH"));
  }

  private static String tlsUrl(String userInfo) {
    return "rediss://" + userInfo + "127.0.0.1:" + tlsRedis.tlsPort();
  }

  /** Trusts the test server's self-signed certificate; ElastiCache's CA is in the JVM's store. */
  private static Config trustingTestCertificate(Config config) {
    try (InputStream in = Files.newInputStream(certificate.certificate())) {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      store.setCertificateEntry(
          "redis", CertificateFactory.getInstance("X.509").generateCertificate(in));
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      return config.setSslTrustManagerFactory(trust);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String roundTrip(Config config) {
    RedissonClient client = Redisson.create(config);
    try {
      client.getBucket("deploycfg-test").set("value");
      return client.<String>getBucket("deploycfg-test").get();
    } finally {
      client.shutdown();
    }
  }

  private static String messages(Throwable e) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      all.append(t.getMessage()).append(" | ");
    }
    return all.toString();
  }
}
