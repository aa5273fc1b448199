package dev.agentruntime.worker.webhook;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * {@code LISTEN webhook_delivery} on a connection of its own (the fan-out of migration V14 notifies
 * it when an appended event made deliveries), turning each notification into a wake-up of the
 * sender, so a delivery leaves within milliseconds rather than at the next poll. Only a shortcut:
 * while it is disconnected the sender still polls, so nothing waits longer than a poll interval.
 */
final class WebhookWakeups {

  private static final Logger LOG = Logger.getLogger(WebhookWakeups.class);

  static final String CHANNEL = "webhook_delivery";
  static final String APPLICATION_NAME = "agent-runtime-worker-webhooks";

  private static final int LIVENESS_CHECK_MILLIS = 5000;
  private static final long RETRY_MILLIS = 2000;

  private final String url;
  private final String user;
  private final String password;
  private final Runnable wake;
  private volatile boolean running = true;
  private volatile Connection connection;
  private final Thread thread;

  WebhookWakeups(String url, String user, String password, Runnable wake) {
    this.url = url;
    this.user = user;
    this.password = password;
    this.wake = wake;
    this.thread = new Thread(this::listen, "webhook-wakeups");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  void stop() {
    running = false;
    Connection c = connection;
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // closing to end the wait: nothing else to do
      }
    }
    thread.interrupt();
  }

  private void listen() {
    boolean warned = false;
    while (running) {
      try (Connection c = connect()) {
        connection = c;
        try (Statement s = c.createStatement()) {
          s.execute("LISTEN " + CHANNEL);
        }
        warned = false;
        wake.run();
        PGConnection pg = c.unwrap(PGConnection.class);
        while (running) {
          PGNotification[] notifications = pg.getNotifications(LIVENESS_CHECK_MILLIS);
          if (notifications != null && notifications.length > 0) {
            wake.run();
          } else {
            try (Statement s = c.createStatement()) {
              s.execute("select 1");
            }
          }
        }
      } catch (SQLException | RuntimeException e) {
        if (!running) {
          return;
        }
        if (!warned) {
          LOG.warnf("webhook wake-ups lost PostgreSQL (%s); polling meanwhile", e.getMessage());
          warned = true;
        }
        try {
          Thread.sleep(RETRY_MILLIS);
        } catch (InterruptedException interrupted) {
          return;
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
    properties.setProperty("socketTimeout", "30");
    Connection c = new org.postgresql.Driver().connect(url, properties);
    if (c == null) {
      throw new SQLException("not a PostgreSQL JDBC URL: " + url);
    }
    return c;
  }
}
