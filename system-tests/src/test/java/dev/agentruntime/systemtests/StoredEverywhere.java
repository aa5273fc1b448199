package dev.agentruntime.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentruntime.standalone.Infrastructure;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Everything a stack has written, as text by where it was found: every row of every table of
 * PostgreSQL (bytea as hex), every object of the object store, every event of every workflow
 * history on the Temporal server, every log file, and whatever else a test adds (exported spans).
 * {@link #findings} says where any of a list of values appears, plain or hex-encoded.
 */
final class StoredEverywhere {

  private final Map<String, String> texts = new LinkedHashMap<>();

  void add(String where, String text) {
    if (text != null) {
      texts.put(where, text);
    }
  }

  /** Every row of every table (one text per table), read as PostgreSQL's own text form. */
  StoredEverywhere database(Infrastructure infrastructure) throws Exception {
    try (Connection c =
            DriverManager.getConnection(
                infrastructure.jdbcUrl(), infrastructure.dbUser(), infrastructure.dbPassword());
        Statement tables = c.createStatement();
        ResultSet names =
            tables.executeQuery(
                "select table_schema, table_name from information_schema.tables where"
                    + " table_type = 'BASE TABLE' and table_schema not in ('pg_catalog',"
                    + " 'information_schema')")) {
      List<String> qualified = new ArrayList<>();
      while (names.next()) {
        qualified.add('"' + names.getString(1) + "\".\"" + names.getString(2) + '"');
      }
      for (String table : qualified) {
        StringBuilder rows = new StringBuilder();
        try (Statement select = c.createStatement();
            ResultSet rs = select.executeQuery("select t::text from " + table + " t")) {
          while (rs.next()) {
            rows.append(rs.getString(1)).append('\n');
          }
        }
        add("postgres " + table, rows.toString());
      }
    }
    return this;
  }

  StoredEverywhere objects(Infrastructure infrastructure) throws Exception {
    new ObjectStoreReader(infrastructure).readAll().forEach((key, text) -> add("s3 " + key, text));
    return this;
  }

  /** Every event of every workflow the server knows (payloads included, as protobuf text). */
  StoredEverywhere histories(String temporalTarget) {
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(temporalTarget).build());
    try {
      WorkflowClient client =
          WorkflowClient.newInstance(
              stubs, WorkflowClientOptions.newBuilder().setNamespace("default").build());
      List<String> ids;
      try (Stream<WorkflowExecutionMetadata> all = client.listExecutions("")) {
        ids = all.map(w -> w.getExecution().getWorkflowId()).distinct().toList();
      }
      for (String id : ids) {
        StringBuilder events = new StringBuilder();
        for (HistoryEvent event : client.fetchHistory(id).getEvents()) {
          events.append(event).append('\n');
        }
        add("temporal " + id, events.toString());
      }
      return this;
    } finally {
      stubs.shutdownNow();
    }
  }

  StoredEverywhere files(Path directory) throws Exception {
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        add("file " + file, new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
      }
    }
    return this;
  }

  StoredEverywhere json(String where, JsonNode node) {
    add(where, node == null ? null : node.toString());
    return this;
  }

  int places() {
    return texts.size();
  }

  /**
   * Where each of {@code values} appears (as is, or as hex of its UTF-8 bytes); empty if nowhere.
   */
  List<String> findings(List<String> values) {
    List<String> found = new ArrayList<>();
    for (String value : values) {
      String hex = HexFormat.of().formatHex(value.getBytes(StandardCharsets.UTF_8));
      texts.forEach(
          (where, text) -> {
            if (text.contains(value) || text.toLowerCase().contains(hex)) {
              found.add(value + " in " + where);
            }
          });
    }
    return found;
  }
}
