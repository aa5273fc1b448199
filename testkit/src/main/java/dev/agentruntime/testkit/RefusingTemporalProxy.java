package dev.agentruntime.testkit;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Context;
import io.grpc.HandlerRegistry;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Temporal frontend that may not register search attributes, as Temporal Cloud (whose attributes
 * are created with its own tool) or a server whose authorizer refuses operator calls to the API's
 * identity: a gRPC proxy in front of a real server that answers {@link #ADD_SEARCH_ATTRIBUTES} with
 * PERMISSION_DENIED ("Request unauthorized.", as Temporal's default authorizer words it) and
 * forwards every other call, unary or streaming, unchanged: request and response bytes, headers,
 * trailers and deadline.
 */
public final class RefusingTemporalProxy implements AutoCloseable {

  public static final String ADD_SEARCH_ATTRIBUTES =
      "temporal.api.operatorservice.v1.OperatorService/AddSearchAttributes";

  private static final int MAX_MESSAGE_BYTES = 128 * 1024 * 1024;

  private static final MethodDescriptor.Marshaller<byte[]> BYTES =
      new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
          return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
          try {
            return stream.readAllBytes();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      };

  private final ManagedChannel upstream;
  private final Server server;
  private final AtomicInteger refusals = new AtomicInteger();

  private RefusingTemporalProxy(String upstreamTarget) {
    upstream =
        NettyChannelBuilder.forTarget(upstreamTarget)
            .usePlaintext()
            .maxInboundMessageSize(MAX_MESSAGE_BYTES)
            .build();
    try {
      server =
          NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
              .maxInboundMessageSize(MAX_MESSAGE_BYTES)
              .fallbackHandlerRegistry(new Registry())
              .build()
              .start();
    } catch (IOException e) {
      upstream.shutdownNow();
      throw new UncheckedIOException(e);
    }
  }

  /** A proxy on a free local port in front of the plaintext frontend at {@code upstreamTarget}. */
  public static RefusingTemporalProxy start(String upstreamTarget) {
    return new RefusingTemporalProxy(upstreamTarget);
  }

  /** Where clients reach the proxy: {@code 127.0.0.1:<port>}. */
  public String target() {
    return "127.0.0.1:" + server.getPort();
  }

  /** How many AddSearchAttributes calls were refused. */
  public int refusals() {
    return refusals.get();
  }

  @Override
  public void close() {
    server.shutdownNow();
    upstream.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
      upstream.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Every method the proxy is asked for, as bytes: it knows none of Temporal's messages. */
  private final class Registry extends HandlerRegistry {
    @Override
    public ServerMethodDefinition<?, ?> lookupMethod(String methodName, String authority) {
      MethodDescriptor<byte[], byte[]> method =
          MethodDescriptor.newBuilder(BYTES, BYTES)
              .setFullMethodName(methodName)
              .setType(MethodDescriptor.MethodType.UNKNOWN)
              .build();
      ServerCallHandler<byte[], byte[]> handler =
          ADD_SEARCH_ATTRIBUTES.equals(methodName) ? this::refuse : forward(method);
      return ServerMethodDefinition.create(method, handler);
    }

    private ServerCall.Listener<byte[]> refuse(ServerCall<byte[], byte[]> call, Metadata headers) {
      refusals.incrementAndGet();
      call.close(Status.PERMISSION_DENIED.withDescription("Request unauthorized."), new Metadata());
      return new ServerCall.Listener<>() {};
    }

    private ServerCallHandler<byte[], byte[]> forward(MethodDescriptor<byte[], byte[]> method) {
      return (serverCall, headers) -> {
        CallOptions options = CallOptions.DEFAULT;
        if (Context.current().getDeadline() != null) {
          options = options.withDeadline(Context.current().getDeadline());
        }
        ClientCall<byte[], byte[]> clientCall = upstream.newCall(method, options);
        ForwardedCall call = new ForwardedCall(serverCall, clientCall);
        clientCall.start(call.responses, headers);
        serverCall.request(1);
        clientCall.request(1);
        return call.requests;
      };
    }
  }
}
