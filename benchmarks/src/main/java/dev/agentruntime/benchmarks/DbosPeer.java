package dev.agentruntime.benchmarks;

import dev.agentruntime.embedded.LocalPostgres;
import dev.agentruntime.standalone.Stack;
import dev.dbos.transact.DBOS;
import dev.dbos.transact.StartWorkflowOptions;
import dev.dbos.transact.config.DBOSConfig;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A peer durable-execution library in the bench JVM: DBOS Transact for Java, launched on a database
 * of its own ({@link #DATABASE}, which DBOS creates) on a given PostgreSQL server, running {@link
 * DbosWorkflows.StepsWorkflow}. DBOS's defaults are kept (its pool of 10 connections, workflows on
 * virtual threads); its admin server is off.
 */
final class DbosPeer implements AutoCloseable {

  /** DBOS's system database, next to the stack's on the same server. */
  static final String DATABASE = "agent_runtime_dbos";

  private static final Pattern DATABASE_IN_URL =
      Pattern.compile("^(jdbc:postgresql://[^/?]+/)([^/?]*)(.*)$");

  private final DBOS dbos;
  private final DbosWorkflows.StepsWorkflow workflow;
  private final String databaseUrl;

  private DbosPeer(DBOS dbos, DbosWorkflows.StepsWorkflow workflow, String databaseUrl) {
    this.dbos = dbos;
    this.workflow = workflow;
    this.databaseUrl = databaseUrl;
  }

  /**
   * Launches DBOS on database {@link #DATABASE} of the server of {@code serverJdbcUrl}, after
   * checking that the server commits durably (fsync and synchronous commit on), as the stack's
   * figures assume.
   */
  static DbosPeer start(String serverJdbcUrl, String user, String password) {
    String url = databaseUrl(serverJdbcUrl, DATABASE);
    String fsync = LocalPostgres.setting(serverJdbcUrl, user, password, "fsync");
    String synchronousCommit =
        LocalPostgres.setting(serverJdbcUrl, user, password, "synchronous_commit");
    if (!"on".equals(fsync) || !"on".equals(synchronousCommit)) {
      throw new IllegalStateException(
          "DBOS's PostgreSQL runs with fsync="
              + fsync
              + ", synchronous_commit="
              + synchronousCommit);
    }
    DBOSConfig config =
        DBOSConfig.defaults("agent-runtime-bench")
            .withDatabaseUrl(url)
            .withDbUser(user)
            .withDbPassword(password)
            .withAppVersion("bench")
            .disableAdminServer();
    DBOS dbos = new DBOS(config);
    try {
      DbosWorkflows.StepsWorkflowImpl impl = new DbosWorkflows.StepsWorkflowImpl(dbos);
      DbosWorkflows.StepsWorkflow proxy =
          dbos.registerProxy(DbosWorkflows.StepsWorkflow.class, impl);
      dbos.launch();
      return new DbosPeer(dbos, proxy, url);
    } catch (RuntimeException e) {
      dbos.close();
      throw e;
    }
  }

  /** On the PostgreSQL server of the stack, in a database of its own. */
  static DbosPeer onServerOf(Stack stack) {
    var infra = stack.infrastructure();
    return start(infra.jdbcUrl(), infra.dbUser(), infra.dbPassword());
  }

  /** What the report says of the peer; {@code server} names the PostgreSQL server. */
  String description(String server) {
    return "DBOS Transact for Java "
        + version()
        + " in the bench JVM; its system database `"
        + DATABASE
        + "` on "
        + server;
  }

  /**
   * One workflow of {@code steps} no-op steps: started with {@code DBOS.startWorkflow}, awaited on
   * its handle, its result checked. Returns its workflow id.
   */
  String runOnce(int steps) {
    String workflowId = "bench-dbos-" + steps + "-" + UUID.randomUUID();
    int done =
        dbos.startWorkflow(
                () -> workflow.run(steps), new StartWorkflowOptions().withWorkflowId(workflowId))
            .getResult();
    if (done != steps) {
      throw new IllegalStateException("DBOS workflow " + workflowId + " returned " + done);
    }
    return workflowId;
  }

  /** How many steps DBOS checkpointed for a workflow. */
  int checkpointedSteps(String workflowId) {
    return dbos.listWorkflowSteps(workflowId).size();
  }

  String databaseUrl() {
    return databaseUrl;
  }

  /** The version of the DBOS library on the class path, e.g. {@code 1.1.0-m6}. */
  static String version() {
    return DBOS.version();
  }

  /** {@code jdbcUrl} with its database replaced by {@code database}, parameters kept. */
  static String databaseUrl(String jdbcUrl, String database) {
    Matcher m = DATABASE_IN_URL.matcher(jdbcUrl);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a jdbc:postgresql://host/database URL: " + jdbcUrl);
    }
    return m.group(1) + database + m.group(3);
  }

  @Override
  public void close() {
    dbos.close();
  }
}
