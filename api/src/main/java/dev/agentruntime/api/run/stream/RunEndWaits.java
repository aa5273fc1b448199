package dev.agentruntime.api.run.stream;

import dev.agentruntime.api.error.NotFound;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Long polls for a run's end ({@code GET /v1/runs/{id}?waitSeconds=N}). Like the event streams,
 * nothing here polls PostgreSQL: a waiter checks the run's timeline when it starts and again only
 * when {@link RunEventListener} hears that the run got an event (or reconnected and may have missed
 * some). A waiter registers before it checks, so an end committed between the check and the wait
 * still wakes it.
 */
@ApplicationScoped
public class RunEndWaits {

  private final ConcurrentHashMap<UUID, Set<CompletableFuture<Void>>> byRun =
      new ConcurrentHashMap<>();
  private final RunEventReader reader;
  private volatile boolean stopping;

  public RunEndWaits(RunEventReader reader) {
    this.reader = reader;
  }

  /**
   * Blocks until the run's timeline holds its terminal event or {@code wait} has passed, whichever
   * comes first; meant for a virtual thread, which a blocked wait does not take from anyone.
   *
   * @return whether the run has ended
   * @throws NotFound when the tenant has no such run
   */
  public boolean awaitEnd(String tenantId, UUID runId, Duration wait) {
    if (!reader.runExists(tenantId, runId)) {
      throw new NotFound("Run " + runId);
    }
    Instant deadline = Instant.now().plus(wait);
    while (true) {
      CompletableFuture<Void> woken = register(runId);
      try {
        if (reader.ended(tenantId, runId)) {
          return true;
        }
        long remaining = Duration.between(Instant.now(), deadline).toMillis();
        if (remaining <= 0 || stopping) {
          return false;
        }
        woken.get(remaining, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        // The wait is over; the loop's check answers with the run as it is now.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      } catch (ExecutionException e) {
        throw new IllegalStateException("a wake-up is never completed exceptionally", e);
      } finally {
        unregister(runId, woken);
      }
    }
  }

  /** The run got an event: its waiters check whether it was the end. */
  void wake(UUID runId) {
    Set<CompletableFuture<Void>> waiting = byRun.get(runId);
    if (waiting != null) {
      waiting.forEach(w -> w.complete(null));
    }
  }

  /** Notifications may have been lost (the listener reconnected): every waiter checks once. */
  void wakeAll() {
    byRun.values().forEach(waiting -> waiting.forEach(w -> w.complete(null)));
  }

  /** Open waits, for tests. */
  public int waiting() {
    return byRun.values().stream().mapToInt(Set::size).sum();
  }

  void stop(@Observes ShutdownEvent event) {
    // A stopping API answers its waiters at once rather than holding them until their deadline.
    stopping = true;
    wakeAll();
  }

  private CompletableFuture<Void> register(UUID runId) {
    CompletableFuture<Void> woken = new CompletableFuture<>();
    byRun.compute(
        runId,
        (id, waiting) -> {
          Set<CompletableFuture<Void>> set =
              waiting == null ? ConcurrentHashMap.newKeySet() : waiting;
          set.add(woken);
          return set;
        });
    return woken;
  }

  private void unregister(UUID runId, CompletableFuture<Void> woken) {
    byRun.computeIfPresent(
        runId,
        (id, waiting) -> {
          waiting.remove(woken);
          return waiting.isEmpty() ? null : waiting;
        });
  }
}
