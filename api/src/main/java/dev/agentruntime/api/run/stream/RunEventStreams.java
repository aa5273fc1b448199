package dev.agentruntime.api.run.stream;

import dev.agentruntime.api.error.NotFound;
import dev.agentruntime.api.error.RateLimited;
import dev.agentruntime.api.limits.EventStreamLimiter;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.sse.OutboundSseEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The open event streams of this API process, by run. Nothing here polls PostgreSQL: a stream reads
 * when it opens and when {@link RunEventListener} hears that its run got an event (or has
 * reconnected and may have missed some).
 *
 * <p>A stream holds one of its tenant's slots ({@link EventStreamLimiter}) while it is open, and
 * ends by itself after {@code agent-runtime.streams.max-lifetime} or when the caller's token
 * expires, whichever comes first: a token revoked at the issuer stops being honoured when it
 * expires, and no stream holds its slot forever. The client resumes with {@code Last-Event-ID}.
 */
@ApplicationScoped
public class RunEventStreams {

  private static final Logger LOG = Logger.getLogger(RunEventStreams.class);

  /**
   * Threads reading for streams. Few on purpose: a read is one short query, and more threads would
   * only take pooled connections away from requests when many streams wake at once.
   */
  static final int READ_THREADS = 4;

  private final ConcurrentHashMap<UUID, Set<EventStream>> byRun = new ConcurrentHashMap<>();
  private final RunEventReader reader;
  private final EventStreamLimiter limiter;
  private final Duration maxLifetime;
  private final ExecutorService reads;

  /** Keep-alive ticks and the streams' ends; both are short and never block. */
  private final ScheduledThreadPoolExecutor timers;

  public RunEventStreams(
      RunEventReader reader,
      EventStreamLimiter limiter,
      @ConfigProperty(name = "agent-runtime.events.keep-alive") Duration keepAlive,
      @ConfigProperty(name = "agent-runtime.streams.max-lifetime") Duration maxLifetime) {
    this.reader = reader;
    this.limiter = limiter;
    this.maxLifetime = maxLifetime;
    this.reads = Executors.newFixedThreadPool(READ_THREADS, daemon("run-event-stream-read"));
    this.timers = new ScheduledThreadPoolExecutor(1, daemon("run-event-timers"));
    // A stream that ends early cancels its end; the queue must not keep it until it was due.
    timers.setRemoveOnCancelPolicy(true);
    long period = Math.max(1, keepAlive.toMillis());
    timers.scheduleAtFixedRate(this::keepAlive, period, period, TimeUnit.MILLISECONDS);
  }

  /**
   * A stream of the run's events after {@code afterSeq}, which ends after the terminal event, or
   * earlier at {@code agent-runtime.streams.max-lifetime} or at {@code tokenExpiry}. Blocking: it
   * checks the run and takes one of the tenant's stream slots before any byte is answered.
   *
   * @param tokenExpiry when the caller's token expires; the stream does not outlive it
   * @throws NotFound when the tenant has no such run
   * @throws RateLimited when the tenant has as many streams open as it may
   */
  public Multi<OutboundSseEvent> open(
      String tenantId, UUID runId, int afterSeq, Optional<Instant> tokenExpiry) {
    if (!reader.runExists(tenantId, runId)) {
      throw new NotFound("Run " + runId);
    }
    // After the 404, so an unknown run spends no slot. Should the stream never be subscribed to,
    // the slot is never kept and expires with its lease.
    EventStreamLimiter.Slot slot = limiter.acquire(tenantId);
    Instant lifetimeOver = Instant.now().plus(maxLifetime);
    boolean tokenFirst = tokenExpiry.isPresent() && tokenExpiry.get().isBefore(lifetimeOver);
    Instant end = tokenFirst ? tokenExpiry.get() : lifetimeOver;
    SseFrame farewell = tokenFirst ? SseFrame.TOKEN_EXPIRES : SseFrame.LIFETIME_OVER;
    return Multi.createFrom()
        .emitter(
            emitter -> {
              EventStream stream =
                  new EventStream(tenantId, runId, afterSeq, emitter, reader, reads);
              ScheduledFuture<?> ending =
                  timers.schedule(
                      () -> stream.end(farewell),
                      Duration.between(Instant.now(), end).toMillis(),
                      TimeUnit.MILLISECONDS);
              // Registered before the first read: an event appended meanwhile wakes it again.
              byRun.compute(
                  runId,
                  (id, streams) -> {
                    Set<EventStream> set =
                        streams == null ? ConcurrentHashMap.newKeySet() : streams;
                    set.add(stream);
                    return set;
                  });
              emitter.onTermination(
                  () -> {
                    remove(stream);
                    ending.cancel(false);
                    slot.release();
                  });
              slot.keep(() -> stream.end(SseFrame.SLOT_LOST));
              stream.wake();
            },
            // Bounded by EventStream itself, which stops reading while its client lags.
            BackPressureStrategy.BUFFER);
  }

  /** The run got an event: its streams read what follows their last one. */
  void wake(UUID runId) {
    Set<EventStream> streams = byRun.get(runId);
    if (streams != null) {
      streams.forEach(EventStream::wake);
    }
  }

  /** Notifications may have been lost (the listener reconnected): every stream reads once. */
  void wakeAll() {
    byRun.values().forEach(streams -> streams.forEach(EventStream::wake));
  }

  /** Open streams, for tests and the benchmark's figures. */
  public int openStreams() {
    return byRun.values().stream().mapToInt(Set::size).sum();
  }

  private void keepAlive() {
    try {
      byRun.values().forEach(streams -> streams.forEach(EventStream::keepAlive));
    } catch (RuntimeException e) {
      // A failed tick must not cancel the schedule (an escaping exception would).
      LOG.warn("sending keep-alive comments failed", e);
    }
  }

  private void remove(EventStream stream) {
    byRun.computeIfPresent(
        stream.runId,
        (id, streams) -> {
          streams.remove(stream);
          return streams.isEmpty() ? null : streams;
        });
  }

  void stop(@Observes ShutdownEvent event) {
    timers.shutdownNow();
    reads.shutdownNow();
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
