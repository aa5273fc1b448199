package dev.agentruntime.api.run.stream;

import dev.agentruntime.api.error.NotFound;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.sse.OutboundSseEvent;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The open event streams of this API process, by run. Nothing here polls PostgreSQL: a stream reads
 * when it opens and when {@link RunEventListener} hears that its run got an event (or has
 * reconnected and may have missed some).
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
  private final ExecutorService reads;
  private final ScheduledExecutorService keepAlives;

  public RunEventStreams(
      RunEventReader reader,
      @ConfigProperty(name = "agent-runtime.events.keep-alive") Duration keepAlive) {
    this.reader = reader;
    this.reads = Executors.newFixedThreadPool(READ_THREADS, daemon("run-event-stream-read"));
    this.keepAlives = Executors.newSingleThreadScheduledExecutor(daemon("run-event-keep-alive"));
    long period = Math.max(1, keepAlive.toMillis());
    keepAlives.scheduleAtFixedRate(this::keepAlive, period, period, TimeUnit.MILLISECONDS);
  }

  /**
   * A stream of the run's events after {@code afterSeq}, which ends after the terminal event.
   * Blocking: it checks the run before any byte is answered.
   *
   * @throws NotFound when the tenant has no such run
   */
  public Multi<OutboundSseEvent> open(String tenantId, UUID runId, int afterSeq) {
    if (!reader.runExists(tenantId, runId)) {
      throw new NotFound("Run " + runId);
    }
    return Multi.createFrom()
        .emitter(
            emitter -> {
              EventStream stream =
                  new EventStream(tenantId, runId, afterSeq, emitter, reader, reads);
              // Registered before the first read: an event appended meanwhile wakes it again.
              byRun.compute(
                  runId,
                  (id, streams) -> {
                    Set<EventStream> set =
                        streams == null ? ConcurrentHashMap.newKeySet() : streams;
                    set.add(stream);
                    return set;
                  });
              emitter.onTermination(() -> remove(stream));
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
    keepAlives.shutdownNow();
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
