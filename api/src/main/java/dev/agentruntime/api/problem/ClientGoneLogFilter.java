package dev.agentruntime.api.problem;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.channels.ClosedChannelException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * A client that goes away mid-answer (a closed event stream, an aborted download) is no fault of
 * the API. Quarkus REST and Netty log the failed write to its closed connection at ERROR and WARN;
 * here those records become debug lines. Only records about a closed channel are touched: any other
 * failure these loggers report keeps its level.
 */
@ApplicationScoped
public class ClientGoneLogFilter {

  /**
   * Where the two records come from: the SSE and streaming writer, and Netty's promise notifier.
   */
  public static final List<String> LOGGERS =
      List.of(
          "org.jboss.resteasy.reactive.server.handlers.PublisherResponseHandler",
          "io.netty.util.internal.PromiseNotificationUtil");

  // Held: a logger whose only reference is gone may be collected with the filter set on it.
  private static final List<Logger> FILTERED = LOGGERS.stream().map(Logger::getLogger).toList();

  void install(@Observes StartupEvent event) {
    FILTERED.forEach(logger -> logger.setFilter(ClientGoneLogFilter::keep));
  }

  /** False for a record about a closed connection, after it is logged again at debug. */
  static boolean keep(LogRecord record) {
    if (record.getLevel().intValue() <= Level.FINE.intValue() || !aboutClosedChannel(record)) {
      return true;
    }
    Logger.getLogger(record.getLoggerName())
        .log(Level.FINE, "client went away: " + record.getMessage());
    return false;
  }

  private static boolean aboutClosedChannel(LogRecord record) {
    // Netty passes the failed promise and its cause as parameters of the message, not as thrown.
    StringBuilder text = new StringBuilder(String.valueOf(record.getMessage()));
    if (record.getParameters() != null) {
      for (Object parameter : record.getParameters()) {
        text.append(' ').append(parameter);
      }
    }
    if (text.indexOf("ClosedChannelException") >= 0) {
      return true;
    }
    for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
      if (t instanceof ClosedChannelException) {
        return true;
      }
      for (Throwable suppressed : t.getSuppressed()) {
        if (suppressed instanceof ClosedChannelException) {
          return true;
        }
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
