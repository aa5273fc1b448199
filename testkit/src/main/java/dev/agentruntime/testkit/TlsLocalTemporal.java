package dev.agentruntime.testkit;

import dev.agentruntime.embedded.SelfSignedCertificate;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Temporal's in-memory test server behind TLS, standing in for Temporal Cloud or a self-hosted
 * cluster with TLS: it presents {@code serverCertificate}, and optionally requires a client
 * certificate (mTLS) and an API key ({@code authorization: Bearer <key>}, refused with
 * UNAUTHENTICATED otherwise). The Temporal CLI dev server has no TLS options, hence this. It uses
 * the test server's internal service classes, the only way to put TLS in front of them.
 */
public final class TlsLocalTemporal implements AutoCloseable {

  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final TestServicesStarter services;
  private final Server server;

  private TlsLocalTemporal(TestServicesStarter services, Server server) {
    this.services = services;
    this.server = server;
  }

  /**
   * @param trustedClient the client certificate to require, or null for server-side TLS only
   * @param apiKey the API key to require, or null for none
   */
  public static TlsLocalTemporal start(
      SelfSignedCertificate serverCertificate, SelfSignedCertificate trustedClient, String apiKey) {
    TestServicesStarter services = new TestServicesStarter(true, 0);
    try {
      SslContextBuilder ssl =
          GrpcSslContexts.forServer(
              serverCertificate.certificate().toFile(), serverCertificate.key().toFile());
      if (trustedClient != null) {
        ssl.trustManager(trustedClient.certificate().toFile()).clientAuth(ClientAuth.REQUIRE);
      }
      NettyServerBuilder builder =
          NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
              .sslContext(ssl.build());
      GRPCServerHelper.registerServicesAndHealthChecks(
          services.getServices(),
          builder,
          apiKey == null ? List.of() : List.of(new RequireBearer(apiKey)));
      return new TlsLocalTemporal(services, builder.build().start());
    } catch (IOException e) {
      services.close();
      throw new UncheckedIOException(e);
    }
  }

  /** The gRPC target, {@code 127.0.0.1:<port>}. */
  public String target() {
    return "127.0.0.1:" + server.getPort();
  }

  public int port() {
    return server.getPort();
  }

  @Override
  public void close() {
    server.shutdownNow();
    services.close();
  }

  private record RequireBearer(String apiKey) implements ServerInterceptor {
    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
        ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
      if (!("Bearer " + apiKey).equals(headers.get(AUTHORIZATION))) {
        call.close(
            Status.UNAUTHENTICATED.withDescription("API key missing or wrong"), new Metadata());
        return new ServerCall.Listener<>() {};
      }
      return next.startCall(call, headers);
    }
  }
}
