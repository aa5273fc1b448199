package dev.agentruntime.api;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;

/**
 * Records what the application logs while a test runs (Quarkus tests share the JVM, and its log
 * manager is the JDK's), so a test can show what a request did, or did not, write to the log.
 */
public final class LogCapture implements AutoCloseable {

  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          records.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private LogCapture() {}

  public static LogCapture start() {
    LogCapture capture = new LogCapture();
    capture.handler.setLevel(Level.ALL);
    Logger.getLogger("").addHandler(capture.handler);
    return capture;
  }

  /** Records at INFO or above: what reaches a log file with the default configuration. */
  public List<LogRecord> logged() {
    return records.stream().filter(r -> r.getLevel().intValue() >= Level.INFO.intValue()).toList();
  }

  /** The line as it is written: the message with its parameters, and the failure's message. */
  public static String lineOf(LogRecord record) {
    String message =
        record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
    Throwable thrown = record.getThrown();
    return thrown == null ? message : message + " " + thrown;
  }

  @Override
  public void close() {
    Logger.getLogger("").removeHandler(handler);
  }
}
