package dev.agentruntime.api.run.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.api.ApiTestServices;
import dev.agentruntime.api.LogCapture;
import dev.agentruntime.api.problem.ClientGoneLogFilter;
import dev.agentruntime.core.run.RunEventTypes;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/**
 * A client that goes away is no fault of the API: a stream whose client vanished (the connection
 * reset under it) ends quietly, with at most a debug line, and frees its slot.
 */
@QuarkusTest
@WithTestResource(value = ApiTestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ClientGoneTest {

  @Inject RunEventStreams streams;

  @Test
  void aStreamWhoseClientResetTheConnectionEndsWithoutAWarningOrError() throws Exception {
    clientGoes(true);
  }

  @Test
  void aStreamWhoseClientClosedTheConnectionEndsWithoutAWarningOrError() throws Exception {
    clientGoes(false);
  }

  /**
   * Whether Quarkus REST and Netty report a closed connection at all is a matter of timing, so the
   * filter is also shown directly: the records they write are debug lines, other failures are not.
   */
  @Test
  void aFailedWriteToAClosedConnectionIsADebugLineAndOtherFailuresKeepTheirLevel() {
    java.util.logging.Logger writer =
        java.util.logging.Logger.getLogger(ClientGoneLogFilter.LOGGERS.get(0));
    java.util.logging.Logger netty =
        java.util.logging.Logger.getLogger(ClientGoneLogFilter.LOGGERS.get(1));
    try (LogCapture log = LogCapture.start()) {
      writer.log(
          Level.SEVERE,
          "Exception in SSE server handling, impossible to send it to client",
          new java.nio.channels.ClosedChannelException());
      IllegalStateException refCount = new IllegalStateException("refCnt: 0, decrement: 1");
      refCount.addSuppressed(new java.nio.channels.ClosedChannelException());
      netty.log(Level.WARNING, "Failed to mark a promise as failure", refCount);
      // As Netty writes it: the failed promise and its cause are parameters of the message.
      netty.log(
          Level.WARNING,
          "Failed to mark a promise as failure because it has failed already: {0}",
          new Object[] {
            "DefaultChannelPromise@1(failure: io.netty.channel.ClosedChannelException)"
          });
      writer.log(Level.SEVERE, "a real failure", new IllegalStateException("not a closed channel"));

      assertThat(log.logged())
          .filteredOn(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
          .extracting(LogCapture::lineOf)
          .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
          .startsWith("a real failure");
    }
  }

  private void clientGoes(boolean reset) throws Exception {
    TestRuns.Run run = TestRuns.newRun();
    try (LogCapture log = LogCapture.start()) {
      int before = streams.openStreams();
      Socket socket = new Socket("localhost", RestAssured.port);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET "
                  + run.events()
                  + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n"
                  + "Authorization: Bearer "
                  + run.token()
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] first = new byte[256];
      assertThat(in.read(first)).isPositive();
      if (reset) {
        // Gone without a goodbye: a reset, as a killed process or a dropped proxy leaves it.
        socket.setSoLinger(true, 0);
      }
      // Otherwise a plain close, as curl interrupted by Ctrl-C leaves it: writes then meet a
      // broken pipe.
      socket.close();

      // The stream writes into the dead connection until it notices.
      for (int i = 0; i < 5; i++) {
        TestRuns.append(run, RunEventTypes.RUN_PAUSE_REQUESTED);
        Thread.sleep(100);
      }
      long deadline = System.nanoTime() + 20_000_000_000L;
      while (streams.openStreams() > before && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }

      assertThat(streams.openStreams()).isEqualTo(before);
      assertThat(log.logged())
          .filteredOn(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
          .extracting(LogCapture::lineOf)
          .isEmpty();
    }
  }
}
