package dev.agentruntime.api.run.stream;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The API's one {@code LISTEN run_event} connection (see migration V3): it turns each committed
 * event append into a wake-up of that run's open streams and of its long polls ({@link
 * RunEndWaits}). It is a plain JDBC connection on a thread of its own, not a pooled one, because it
 * is held for the life of the process.
 *
 * <p>Notifications sent while it is disconnected are lost, so after every (re)connect it wakes
 * every open stream once: each reads what follows its last event, and nothing is missed.
 */
@ApplicationScoped
public class RunEventListener {

  private static final Logger LOG = Logger.getLogger(RunEventListener.class);

  static final String CHANNEL = "run_event";

  /** How the connection shows in {@code pg_stat_activity}, for operators and tests. */
  public static final String APPLICATION_NAME = "agent-runtime-api-events";

  /**
   * How long to wait for notifications before checking that the connection is still alive with a
   * trivial query: a connection cut without a FIN would otherwise go unnoticed for good.
   */
  private static final Duration LIVENESS_CHECK = Duration.ofSeconds(5);

  private static final Duration FIRST_RETRY = Duration.ofMillis(100);
  private static final Duration LAST_RETRY = Duration.ofSeconds(5);

  private final RunEventStreams streams;
  private final RunEndWaits waits;
  private final String url;
  private final String user;
  private final String password;
  private volatile boolean running = true;
  private volatile Connection connection;
  private Thread thread;

  public RunEventListener(
      RunEventStreams streams,
      RunEndWaits waits,
      @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
      @ConfigProperty(name = "quarkus.datasource.username") String user,
      @ConfigProperty(name = "quarkus.datasource.password") String password) {
    this.streams = streams;
    this.waits = waits;
    this.url = url;
    this.user = user;
    this.password = password;
  }

  void start(@Observes StartupEvent event) {
    thread = new Thread(this::listen, "run-event-listener");
    thread.setDaemon(true);
    thread.start();
  }

  void stop(@Observes ShutdownEvent event) {
    running = false;
    closeQuietly(connection);
    if (thread != null) {
      thread.interrupt();
    }
  }

  private void listen() {
    Duration retry = FIRST_RETRY;
    boolean warned = false;
    while (running) {
      try (Connection c = connect()) {
        connection = c;
        try (Statement s = c.createStatement()) {
          s.execute("LISTEN " + CHANNEL);
        }
        if (warned) {
          LOG.info("listening for run events again; every open stream reads once");
        }
        warned = false;
        retry = FIRST_RETRY;
        streams.wakeAll();
        waits.wakeAll();
        receive(c);
      } catch (SQLException | RuntimeException e) {
        if (!running) {
          return;
        }
        if (!warned) {
          LOG.warnf(
              "the run event listener lost PostgreSQL (%s); open streams wait until it is back",
              e.getMessage());
          warned = true;
        }
        try {
          Thread.sleep(retry.toMillis());
        } catch (InterruptedException interrupted) {
          return;
        }
        retry =
            retry.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retry.multipliedBy(2);
      }
    }
  }

  private void receive(Connection c) throws SQLException {
    PGConnection pg = c.unwrap(PGConnection.class);
    while (running) {
      PGNotification[] notifications = pg.getNotifications((int) LIVENESS_CHECK.toMillis());
      if (notifications == null || notifications.length == 0) {
        try (Statement s = c.createStatement()) {
          s.execute("select 1");
        }
        continue;
      }
      for (PGNotification notification : notifications) {
        UUID runId = runIdOf(notification.getParameter());
        if (runId != null) {
          streams.wake(runId);
          waits.wake(runId);
        }
      }
    }
  }

  private Connection connect() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("password", password);
    properties.setProperty("ApplicationName", APPLICATION_NAME);
    properties.setProperty("tcpKeepAlive", "true");
    // Bounds the liveness query on a connection that went silent.
    properties.setProperty("socketTimeout", "30");
    Connection c = new org.postgresql.Driver().connect(url, properties);
    if (c == null) {
      throw new SQLException("not a PostgreSQL JDBC URL: " + url);
    }
    return c;
  }

  /** The run of a {@code <run_id>:<seq>} payload; null for anything else on the channel. */
  static UUID runIdOf(String payload) {
    int colon = payload == null ? -1 : payload.indexOf(':');
    if (colon < 0) {
      return null;
    }
    try {
      return UUID.fromString(payload.substring(0, colon));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static void closeQuietly(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException e) {
        // closing on shutdown; nothing to do
      }
    }
  }
}
