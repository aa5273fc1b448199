package dev.agentruntime.core.temporal;

import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.temporal.serviceclient.SimpleSslContextBuilder;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Builds the Temporal stub options shared by the API and the worker from a {@link
 * TemporalConnectionConfig}: target, TLS (server verification, mTLS client certificate, server name
 * override) and the API key. Each application adds its own timeouts and metrics to the returned
 * builder.
 *
 * <p>Everything is read and parsed here, when the stubs are created: a missing half of the mTLS
 * pair, an unreadable file or a malformed certificate fails start-up with the property named, not
 * the first call to Temporal.
 */
public final class TemporalConnectionOptions {

  static final String CLIENT_CERT = TemporalConnectionConfig.PREFIX + ".tls.client-cert";
  static final String CLIENT_KEY = TemporalConnectionConfig.PREFIX + ".tls.client-key";
  static final String SERVER_CA_CERT = TemporalConnectionConfig.PREFIX + ".tls.server-ca-cert";

  private TemporalConnectionOptions() {}

  /**
   * A builder with the target, TLS and API key set.
   *
   * @throws IllegalArgumentException when the TLS settings are incomplete or unreadable
   */
  public static WorkflowServiceStubsOptions.Builder newBuilder(TemporalConnectionConfig config) {
    WorkflowServiceStubsOptions.Builder builder =
        WorkflowServiceStubsOptions.newBuilder().setTarget(config.target());
    if (usesTls(config)) {
      builder.setSslContext(sslContext(config.tls()));
      config
          .tls()
          .serverName()
          .filter(name -> !name.isBlank())
          .ifPresent(name -> builder.setChannelInitializer(c -> c.overrideAuthority(name)));
    }
    // The SDK sends it as "authorization: Bearer <key>" on every call.
    apiKey(config).ifPresent(key -> builder.addApiKey(() -> key));
    return builder;
  }

  /** Whether the connection is TLS: asked for, or implied by an API key or any TLS material. */
  public static boolean usesTls(TemporalConnectionConfig config) {
    TemporalConnectionConfig.Tls tls = config.tls();
    return tls.enabled()
        || apiKey(config).isPresent()
        || present(tls.clientCert())
        || present(tls.clientKey())
        || present(tls.serverCaCert())
        || present(tls.serverName());
  }

  private static Optional<String> apiKey(TemporalConnectionConfig config) {
    return config.apiKey().filter(key -> !key.isBlank());
  }

  private static SslContext sslContext(TemporalConnectionConfig.Tls tls) {
    boolean hasCert = present(tls.clientCert());
    boolean hasKey = present(tls.clientKey());
    if (hasCert != hasKey) {
      throw new IllegalArgumentException(
          "mTLS needs both "
              + CLIENT_CERT
              + " and "
              + CLIENT_KEY
              + "; only "
              + (hasCert ? CLIENT_CERT : CLIENT_KEY)
              + " is set");
    }
    SimpleSslContextBuilder ssl =
        hasCert
            ? SimpleSslContextBuilder.forPKCS8(
                PemSetting.open(CLIENT_CERT, tls.clientCert().get()),
                PemSetting.open(CLIENT_KEY, tls.clientKey().get()))
            : SimpleSslContextBuilder.noKeyOrCertChain();
    if (present(tls.serverCaCert())) {
      ssl.setTrustManager(trustManager(PemSetting.read(SERVER_CA_CERT, tls.serverCaCert().get())));
    }
    try {
      return ssl.build();
    } catch (SSLException | IllegalArgumentException e) {
      // Netty parses the pair here; its message does not say which setting held it.
      throw new IllegalArgumentException(
          "Cannot use the client certificate and key ("
              + CLIENT_CERT
              + ", "
              + CLIENT_KEY
              + "; the key must be PKCS#8, \"BEGIN PRIVATE KEY\"): "
              + e.getMessage(),
          e);
    }
  }

  private static TrustManager trustManager(byte[] pem) {
    try (InputStream in = new ByteArrayInputStream(pem)) {
      Collection<? extends Certificate> certificates =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certificates.isEmpty()) {
        throw new IllegalArgumentException(SERVER_CA_CERT + " holds no certificate");
      }
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate certificate : certificates) {
        store.setCertificateEntry("server-ca-" + i++, certificate);
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      for (TrustManager manager : factory.getTrustManagers()) {
        if (manager instanceof X509TrustManager) {
          return manager;
        }
      }
      throw new IllegalStateException("The JVM offers no X.509 trust manager");
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException(
          SERVER_CA_CERT + " is not a PEM certificate: " + e.getMessage(), e);
    }
  }

  private static boolean present(Optional<String> value) {
    return value.filter(v -> !v.isBlank()).isPresent();
  }
}
