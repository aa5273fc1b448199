package dev.agentruntime.testkit;

import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;

/**
 * One call {@link RefusingTemporalProxy} forwards: requests from its client to the upstream server,
 * responses back, each side asking for the next message only once the other side can take it, so a
 * long stream buffers nothing (grpc-java's proxy example, examples/src/main/java/io/grpc/examples/
 * grpcproxy).
 */
final class ForwardedCall {

  final ServerCall.Listener<byte[]> requests;
  final ClientCall.Listener<byte[]> responses;

  ForwardedCall(ServerCall<byte[], byte[]> serverCall, ClientCall<byte[], byte[]> clientCall) {
    Requests requests = new Requests(serverCall, clientCall);
    Responses responses = new Responses(serverCall, clientCall);
    requests.responses = responses;
    responses.requests = requests;
    this.requests = requests;
    this.responses = responses;
  }

  private static final class Requests extends ServerCall.Listener<byte[]> {
    private final ServerCall<byte[], byte[]> serverCall;
    private final ClientCall<byte[], byte[]> clientCall;
    private Responses responses;
    private boolean needToRequest;

    Requests(ServerCall<byte[], byte[]> serverCall, ClientCall<byte[], byte[]> clientCall) {
      this.serverCall = serverCall;
      this.clientCall = clientCall;
    }

    @Override
    public void onCancel() {
      clientCall.cancel("the proxy's client cancelled", null);
    }

    @Override
    public void onHalfClose() {
      clientCall.halfClose();
    }

    @Override
    public void onMessage(byte[] message) {
      clientCall.sendMessage(message);
      synchronized (this) {
        if (clientCall.isReady()) {
          serverCall.request(1);
        } else {
          needToRequest = true;
        }
      }
    }

    @Override
    public void onReady() {
      responses.serverReady();
    }

    synchronized void clientReady() {
      if (needToRequest) {
        serverCall.request(1);
        needToRequest = false;
      }
    }
  }

  private static final class Responses extends ClientCall.Listener<byte[]> {
    private final ServerCall<byte[], byte[]> serverCall;
    private final ClientCall<byte[], byte[]> clientCall;
    private Requests requests;
    private boolean needToRequest;

    Responses(ServerCall<byte[], byte[]> serverCall, ClientCall<byte[], byte[]> clientCall) {
      this.serverCall = serverCall;
      this.clientCall = clientCall;
    }

    @Override
    public void onHeaders(Metadata headers) {
      serverCall.sendHeaders(headers);
    }

    @Override
    public void onMessage(byte[] message) {
      serverCall.sendMessage(message);
      synchronized (this) {
        if (serverCall.isReady()) {
          clientCall.request(1);
        } else {
          needToRequest = true;
        }
      }
    }

    @Override
    public void onClose(Status status, Metadata trailers) {
      serverCall.close(status, trailers);
    }

    @Override
    public void onReady() {
      requests.clientReady();
    }

    synchronized void serverReady() {
      if (needToRequest) {
        clientCall.request(1);
        needToRequest = false;
      }
    }
  }
}
