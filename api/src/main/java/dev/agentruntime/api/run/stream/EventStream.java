package dev.agentruntime.api.run.stream;

import dev.agentruntime.api.run.stream.RunEventReader.StreamedEvent;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.ws.rs.sse.OutboundSseEvent;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * One client's stream of one run. It holds the seq of the last event it sent and, when woken, reads
 * what follows from PostgreSQL and sends it. Wake-ups never overlap: one that arrives during a read
 * makes the stream read once more afterwards, so an event committed during a read is never left
 * behind, and none is sent twice.
 */
final class EventStream {

  private static final Logger LOG = Logger.getLogger(EventStream.class);

  /**
   * Events per read, and how far a stream may run ahead of its client: past this many frames sent
   * but not yet asked for, the stream stops reading until the client catches up, so a slow client
   * costs at most about two pages of memory.
   */
  static final int PAGE = 100;

  final String tenantId;
  final UUID runId;
  private final MultiEmitter<? super OutboundSseEvent> emitter;
  private final RunEventReader reader;
  private final Executor executor;
  private final AtomicInteger wakeUps = new AtomicInteger();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong requested = new AtomicLong();
  private volatile boolean waitingForDemand;
  private volatile boolean finished;

  /** Written by the read loop only, which never runs twice at once. */
  private int lastSeq;

  EventStream(
      String tenantId,
      UUID runId,
      int afterSeq,
      MultiEmitter<? super OutboundSseEvent> emitter,
      RunEventReader reader,
      Executor executor) {
    this.tenantId = tenantId;
    this.runId = runId;
    this.lastSeq = afterSeq;
    this.emitter = emitter;
    this.reader = reader;
    this.executor = executor;
    emitter.onRequest(this::demand);
  }

  /** Reads and sends whatever follows the last event sent, on the stream executor. */
  void wake() {
    if (!finished && wakeUps.getAndIncrement() == 0) {
      executor.execute(this::drain);
    }
  }

  /** Sends a comment when the client is keeping up; a busy stream needs none. */
  void keepAlive() {
    if (!finished && emitter.requested() > 0) {
      send(SseFrame.KEEP_ALIVE);
    }
  }

  boolean finished() {
    return finished || emitter.isCancelled();
  }

  /**
   * Ends the stream before its run ends, with a comment that says why; the client reconnects with
   * the last {@code id:} it received. A read in progress may still emit: the emitter drops what
   * comes after its end, and the resume point is the client's, so nothing is lost.
   */
  void end(SseFrame farewell) {
    if (finished()) {
      return;
    }
    finished = true;
    send(farewell);
    emitter.complete();
  }

  private void demand(long n) {
    requested.addAndGet(n);
    if (waitingForDemand) {
      waitingForDemand = false;
      wake();
    }
  }

  private void drain() {
    int missed = 1;
    do {
      try {
        readAll();
      } catch (RuntimeException e) {
        // The database may be down; the listener's reconnect wakes every stream again afterwards.
        LOG.debugf(e, "reading events of run %s failed; waiting for the next wake-up", runId);
      }
      missed = wakeUps.addAndGet(-missed);
    } while (missed != 0);
  }

  private void readAll() {
    boolean checkedEnd = false;
    while (!finished()) {
      if (sent.get() - requested.get() >= PAGE) {
        waitingForDemand = true;
        return;
      }
      List<StreamedEvent> page = reader.after(tenantId, runId, lastSeq, PAGE);
      for (StreamedEvent event : page) {
        send(SseFrame.event(event.seq(), event.type(), event.json()));
        lastSeq = event.seq();
        if (event.terminal()) {
          finish();
          return;
        }
      }
      if (page.size() == PAGE) {
        continue;
      }
      if (!page.isEmpty() || checkedEnd) {
        return;
      }
      // Nothing after the resume point. If the timeline is closed (its terminal event at or
      // before it), the stream is done. The end is checked before reading once more: a terminal
      // event committed between the read above and the check is then read, not skipped.
      if (!reader.ended(tenantId, runId)) {
        return;
      }
      checkedEnd = true;
      if (reader.after(tenantId, runId, lastSeq, 1).isEmpty()) {
        finish();
        return;
      }
    }
  }

  private void send(SseFrame frame) {
    sent.incrementAndGet();
    emitter.emit(frame);
  }

  private void finish() {
    finished = true;
    emitter.complete();
  }
}
