package dev.agentruntime.cli;

import dev.agentruntime.client.ApiException;
import dev.agentruntime.client.RunEventStream;
import dev.agentruntime.client.RunStatuses;
import dev.agentruntime.client.model.RunEventResponse;
import dev.agentruntime.client.model.RunResponse;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Follows a run's live timeline to its terminal event across dropped connections and API restarts.
 * Each event is handed on once: after a drop the stream is opened again with {@code Last-Event-ID}
 * = the seq of the last event handed on, and any event at or below it is skipped. The timeline is
 * gapless and append-only (docs/api.md, Live events), so nothing is missed either.
 */
final class EventFollower {

  static final Set<String> TERMINAL =
      Set.of("run.succeeded", "run.failed", "run.cancelled", "run.timed_out");

  /** What to do with each event: {@code json} is its frame's data as the API sent it. */
  interface Sink {
    void accept(RunEventResponse event, String json);
  }

  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final Session session;
  private final Duration giveUpAfter;
  private final Sleeper sleeper;

  EventFollower(Session session, Duration giveUpAfter, Sleeper sleeper) {
    this.session = session;
    this.giveUpAfter = giveUpAfter;
    this.sleeper = sleeper;
  }

  /**
   * Hands every event after {@code afterSeq} (null: from the first) to {@code sink} until the
   * terminal one; answers the seq of the last event handed on.
   */
  Integer follow(UUID runId, Integer afterSeq, Sink sink) throws ApiException {
    Integer last = afterSeq;
    Instant lastContact = Instant.now();
    int failures = 0;
    while (true) {
      Duration wait;
      String why;
      try (RunEventStream stream = session.client().streamEvents(runId, last)) {
        lastContact = Instant.now();
        failures = 0;
        boolean any = false;
        for (RunEventResponse event = stream.next(); event != null; event = stream.next()) {
          if (last != null && event.getSeq() <= last) {
            continue;
          }
          any = true;
          sink.accept(event, session.lastJson());
          last = event.getSeq();
          lastContact = Instant.now();
          if (TERMINAL.contains(event.getType().getValue())) {
            return last;
          }
        }
        // Ended without the terminal event: the server's lifetime cap, a restart, a proxy. A run
        // already over (resumed at or past its end) sends nothing more: ask it.
        if (!any && ended(runId)) {
          return last;
        }
        wait = Duration.ZERO;
        why = "the event stream ended before the run did";
      } catch (ApiException e) {
        if (!transientFailure(e)) {
          throw e;
        }
        failures++;
        Duration after = Retrier.retryAfter(e, failures);
        wait = after != null ? after : backoff(failures);
        why = e.getCode() == 0 ? "the API cannot be reached" : "the API answered " + e.getCode();
      } catch (UncheckedIOException e) {
        failures++;
        wait = backoff(failures);
        why = "the connection dropped";
      }
      if (Duration.between(lastContact, Instant.now()).compareTo(giveUpAfter) > 0) {
        throw new CliFailure(
            ExitCode.UNREACHABLE,
            why
                + "; gave up after "
                + giveUpAfter.toSeconds()
                + " s without contact (last seq "
                + last
                + ")");
      }
      session
          .err()
          .println("agentctl: " + why + "; resuming after seq " + (last == null ? 0 : last));
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CliFailure(ExitCode.OTHER, "interrupted");
      }
    }
  }

  private boolean ended(UUID runId) throws ApiException {
    RunResponse run = session.read(() -> session.client().runs().getRun(runId, null));
    return RunStatuses.isTerminal(run);
  }

  /** No answer (0), a gateway's or a restarting API's answer, or over the tenant's stream cap. */
  static boolean transientFailure(ApiException e) {
    int code = e.getCode();
    return code == 0 || code == 429 || code == 502 || code == 503 || code == 504;
  }

  static Duration backoff(int failures) {
    long millis = Math.min(5000, 250L << Math.min(failures, 5));
    return Duration.ofMillis(millis);
  }
}
