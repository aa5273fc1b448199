package dev.agentruntime.worker;

import dev.agentruntime.core.activity.RunObjectKeys;
import dev.agentruntime.core.activity.RunPlan;
import dev.agentruntime.core.json.SortedKeysJson;
import dev.agentruntime.core.run.Admission;
import dev.agentruntime.core.run.AdmissionRequest;
import dev.agentruntime.core.run.QueuedRun;
import dev.agentruntime.core.run.RunAdmissions;
import dev.agentruntime.core.run.RunOrigin;
import dev.agentruntime.core.run.RunSource;
import dev.agentruntime.core.run.event.RunEventJson;
import dev.agentruntime.core.run.event.RunEventPayload;
import dev.agentruntime.core.secret.DataKeyWrapping;
import dev.agentruntime.core.secret.MasterKeyring;
import dev.agentruntime.core.secret.PlatformSecretGrants;
import dev.agentruntime.core.secret.SecretEnvelope;
import dev.agentruntime.core.spec.AgentSpec;
import dev.agentruntime.core.spec.AgentSpecJson;
import dev.agentruntime.core.workflow.RunWorkflowInput;
import dev.agentruntime.embedded.LocalPostgres;
import dev.agentruntime.embedded.LocalS3;
import dev.agentruntime.storage.ObjectStore;
import dev.agentruntime.worker.activity.AgentTurnActivitiesImpl;
import dev.agentruntime.worker.activity.ApprovalProjection;
import dev.agentruntime.worker.activity.ArtifactWriter;
import dev.agentruntime.worker.activity.ChildRunActivitiesImpl;
import dev.agentruntime.worker.activity.ChildRunStarter;
import dev.agentruntime.worker.activity.ForkActivitiesImpl;
import dev.agentruntime.worker.activity.ModelActivitiesImpl;
import dev.agentruntime.worker.activity.PipelineActivitiesImpl;
import dev.agentruntime.worker.activity.RunSlotActivitiesImpl;
import dev.agentruntime.worker.activity.RunStoreActivitiesImpl;
import dev.agentruntime.worker.activity.ScheduleFireActivitiesImpl;
import dev.agentruntime.worker.activity.StepTemplate;
import dev.agentruntime.worker.activity.TenantBudgetActivitiesImpl;
import dev.agentruntime.worker.activity.ToolActivitiesImpl;
import dev.agentruntime.worker.agent.AgentEndpoint;
import dev.agentruntime.worker.egress.Egress;
import dev.agentruntime.worker.egress.EgressPolicy;
import dev.agentruntime.worker.egress.HostResolver;
import dev.agentruntime.worker.metrics.WorkerMetrics;
import dev.agentruntime.worker.model.ChatModelFactory;
import dev.agentruntime.worker.model.ClosedTranscripts;
import dev.agentruntime.worker.model.Transcripts;
import dev.agentruntime.worker.secret.PlatformFiles;
import dev.agentruntime.worker.secret.SecretResolver;
import dev.agentruntime.worker.secret.TenantSecrets;
import dev.agentruntime.worker.store.ApprovalRepository;
import dev.agentruntime.worker.store.ArtifactRepository;
import dev.agentruntime.worker.store.ForkSourceRepository;
import dev.agentruntime.worker.store.McpPinRepository;
import dev.agentruntime.worker.store.RunEventRepository;
import dev.agentruntime.worker.store.RunRepository;
import dev.agentruntime.worker.store.RunSlotRepository;
import dev.agentruntime.worker.store.ScheduleRepository;
import dev.agentruntime.worker.store.TenantSecretRepository;
import dev.agentruntime.worker.tool.HttpRequestTool;
import dev.agentruntime.worker.tool.ToolCatalog;
import dev.agentruntime.worker.tool.ToolRegistry;
import dev.agentruntime.worker.tool.WriteArtifactTool;
import dev.agentruntime.worker.tool.mcp.McpCatalogs;
import dev.agentruntime.worker.tool.mcp.McpConnector;
import dev.agentruntime.worker.tool.mcp.McpPins;
import dev.agentruntime.worker.tool.mcp.McpTool;
import dev.agentruntime.worker.tracing.RunTracing;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minio.MinioClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Real PostgreSQL (migrated with core's migrations) and a real S3 server, started once per test
 * JVM, plus the worker's components wired by hand over them, as CDI wires them in the application.
 */
public final class TestInfrastructure {

  /**
   * A stored event. Its payload is read into its type's record when the event is read, and must
   * write back as the same JSON: so every test that reads a timeline holds what the real activities
   * wrote to core's records (and through them to the API's schemas).
   */
  public record Event(int seq, String type, String key, String payload) {
    public Event {
      RunEventPayload record = RunEventJson.read(type, payload);
      // Compared as sorted text: the stored order is jsonb's, and 12 is 12 as an int or a long.
      if (!SortedKeysJson.write(RunEventJson.tree(record))
          .equals(SortedKeysJson.write(Json.read(payload)))) {
        throw new AssertionError(
            type
                + " "
                + payload
                + " is not its record, which writes "
                + RunEventJson.write(record));
      }
    }

    /** The payload as its type's record. */
    public RunEventPayload record() {
      return RunEventJson.read(type, payload);
    }
  }

  public record ArtifactRow(String name, String contentType, long sizeBytes, String sha256) {}

  private static TestInfrastructure instance;

  public final LocalPostgres postgres;
  public final LocalS3 s3;
  public final DataSource dataSource;
  public final ObjectStore objects;
  public final MinioClient minio;
  public final RunRepository runs;
  public final RunEventRepository events;
  public final Transcripts transcripts;
  public final ArtifactWriter artifacts;

  /**
   * The test servers (fake models, agents, MCP servers) listen on loopback, which the platform
   * refuses: these grants let every tenant reach it, as an operator grants an internal host.
   */
  public static final EgressPolicy TEST_EGRESS =
      EgressPolicy.parse("http://127.0.0.1:*=*;http://localhost:*=*", List.of());

  public final Egress egress = new Egress(TEST_EGRESS, HostResolver.SYSTEM);

  /** The master key of this JVM's tests, in a temporary file. */
  public final MasterKeyring keyring;

  /** Tenant secrets under {@link #keyring}; no platform secret is granted. */
  public final SecretResolver secrets;

  /** The meters of the hand-wired activities; the application's own are read at /q/metrics. */
  public final WorkerMetrics metrics = new WorkerMetrics(new SimpleMeterRegistry());

  private TestInfrastructure() {
    keyring = testKeyring();
    postgres = LocalPostgres.startEphemeral();
    s3 = LocalS3.startEphemeral();
    Flyway.configure()
        .dataSource(postgres.jdbcUrl(), LocalPostgres.USER, LocalPostgres.PASSWORD)
        .locations("classpath:db/migration")
        .load()
        .migrate();
    PGSimpleDataSource pg = new PGSimpleDataSource();
    pg.setUrl(postgres.jdbcUrl());
    pg.setUser(LocalPostgres.USER);
    pg.setPassword(LocalPostgres.PASSWORD);
    dataSource = pg;
    minio =
        MinioClient.builder()
            .endpoint(s3.endpoint())
            .region("us-east-1")
            .credentials(LocalS3.ACCESS_KEY, LocalS3.SECRET_KEY)
            .build();
    objects = new ObjectStore(minio, "agent-runtime");
    objects.ensureBucket();
    secrets =
        new SecretResolver(
            Map.of(),
            PlatformSecretGrants.NONE,
            new PlatformFiles(Path.of("/run/secrets")),
            new TenantSecrets(new TenantSecretRepository(dataSource), keyring));
    runs = new RunRepository(dataSource);
    events = new RunEventRepository(dataSource);
    transcripts = new Transcripts(objects);
    artifacts = new ArtifactWriter(objects, new ArtifactRepository(dataSource));
  }

  public static synchronized TestInfrastructure get() {
    if (instance == null) {
      instance = new TestInfrastructure();
      TestInfrastructure started = instance;
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    started.s3.close();
                    started.postgres.close();
                  }));
    }
    return instance;
  }

  public RunStoreActivitiesImpl storeActivities() {
    return storeActivities(metrics);
  }

  public RunStoreActivitiesImpl storeActivities(WorkerMetrics metrics) {
    return storeActivities(metrics, Duration.ofSeconds(RunPlan.DEFAULT_MAX_PAUSED_SECONDS));
  }

  public RunStoreActivitiesImpl storeActivities(WorkerMetrics metrics, Duration maxPaused) {
    ApprovalRepository approvals = new ApprovalRepository(dataSource);
    return new RunStoreActivitiesImpl(
        runs,
        events,
        transcripts,
        artifacts,
        new ClosedTranscripts(transcripts),
        new ApprovalProjection(approvals, events, transcripts, runs),
        approvals,
        metrics,
        maxPaused);
  }

  public ModelActivitiesImpl modelActivities() {
    return modelActivities(transcripts);
  }

  /** Model steps over {@code transcripts}, offering tools as the worker does. */
  public ModelActivitiesImpl modelActivities(Transcripts transcripts) {
    return modelActivities(transcripts, RunTracing.off());
  }

  /** Model steps over {@code transcripts} whose calls open spans with {@code tracing}. */
  public ModelActivitiesImpl modelActivities(Transcripts transcripts, RunTracing tracing) {
    return new ModelActivitiesImpl(
        steps(transcripts),
        transcripts,
        new ChatModelFactory(secrets, egress),
        catalog(),
        metrics,
        tracing);
  }

  /** The tools the model is offered, MCP pins in this database. */
  public ToolCatalog catalog() {
    return new ToolCatalog(new McpCatalogs(mcpConnector(), mcpPins()));
  }

  public McpPins mcpPins() {
    return new McpPins(new McpPinRepository(dataSource));
  }

  public AgentTurnActivitiesImpl agentTurnActivities() {
    return agentTurnActivities(RunTracing.off());
  }

  public AgentTurnActivitiesImpl agentTurnActivities(RunTracing tracing) {
    return new AgentTurnActivitiesImpl(
        steps(transcripts),
        runs,
        transcripts,
        objects,
        secrets,
        new AgentEndpoint(egress),
        catalog(),
        metrics,
        tracing);
  }

  public ToolActivitiesImpl toolActivities(long maxArtifactBytes) {
    return toolActivities(maxArtifactBytes, RunTracing.off());
  }

  public ToolActivitiesImpl toolActivities(long maxArtifactBytes, RunTracing tracing) {
    return new ToolActivitiesImpl(
        steps(transcripts),
        events,
        transcripts,
        tools(artifacts, maxArtifactBytes),
        metrics,
        tracing);
  }

  /** Calls of tools of kind agent, over the given tool calls' activities. */
  public ChildRunActivitiesImpl childRunActivities(ToolActivitiesImpl tools) {
    return new ChildRunActivitiesImpl(
        steps(transcripts), tools, events, childRunStarter(), transcripts, metrics);
  }

  /** The steps of pipeline runs. */
  public ScheduleFireActivitiesImpl scheduleFireActivities() {
    return new ScheduleFireActivitiesImpl(
        new ScheduleRepository(dataSource), new RunAdmissions(dataSource));
  }

  /** The claims of concurrency slots, on this database. */
  public RunSlotActivitiesImpl runSlotActivities() {
    return new RunSlotActivitiesImpl(new RunSlotRepository(dataSource));
  }

  /** The step boundary's budget question, on this database. */
  public TenantBudgetActivitiesImpl tenantBudgetActivities() {
    return new TenantBudgetActivitiesImpl(dataSource);
  }

  /** The steps forks take from their sources, on this database and store. */
  public ForkActivitiesImpl forkActivities() {
    return new ForkActivitiesImpl(
        new ForkSourceRepository(dataSource), events, transcripts, objects);
  }

  public PipelineActivitiesImpl pipelineActivities() {
    return new PipelineActivitiesImpl(
        steps(transcripts), runs, events, transcripts, childRunStarter());
  }

  private ChildRunStarter childRunStarter() {
    return new ChildRunStarter(new RunAdmissions(dataSource), objects, runs);
  }

  /** What every step activity does around its own work, over {@code transcripts}. */
  public StepTemplate steps(Transcripts transcripts) {
    return new StepTemplate(runs, events, transcripts);
  }

  /** The worker's tools, as CDI would assemble them. */
  public ToolRegistry tools(ArtifactWriter artifacts, long maxArtifactBytes) {
    return new ToolRegistry(
        List.of(
            new WriteArtifactTool(artifacts, maxArtifactBytes),
            new HttpRequestTool(egress),
            new McpTool(mcpConnector(), mcpPins())));
  }

  private McpConnector mcpConnector() {
    return new McpConnector(secrets, egress);
  }

  /**
   * Stores {@code value} as the tenant's secret {@code name}, sealed under its data key as the API
   * does (the data key is created at the first secret, wrapped by {@link #keyring}).
   */
  public void putSecret(String tenantId, String name, String value) {
    putSecret(tenantId, name, value, keyring);
  }

  /** As {@link #putSecret(String, String, String)}, the data key wrapped by {@code keyWrapping}. */
  public void putSecret(String tenantId, String name, String value, DataKeyWrapping keyWrapping) {
    byte[] dataKey = ensureDataKey(tenantId, keyWrapping);
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    execute(
        "insert into tenant_secret (tenant_id, name, sealed, fingerprint, version, created_at,"
            + " created_by, updated_at, updated_by) values (?, ?, ?, ?, 1, now(), 'test', now(),"
            + " 'test') on conflict (tenant_id, name) do update set sealed = excluded.sealed,"
            + " fingerprint = excluded.fingerprint, version = tenant_secret.version + 1",
        tenantId,
        name,
        SecretEnvelope.seal(dataKey, tenantId, name, bytes),
        SecretEnvelope.fingerprint(dataKey, bytes));
  }

  /**
   * Seals {@code value} under {@code name} with the tenant's data key (made, wrapped by {@link
   * #keyring}, if it has none), as the API seals a secret it stores anywhere.
   */
  public byte[] seal(String tenantId, String name, String value) {
    return SecretEnvelope.seal(
        ensureDataKey(tenantId, keyring), tenantId, name, value.getBytes(StandardCharsets.UTF_8));
  }

  private byte[] ensureDataKey(String tenantId, DataKeyWrapping keyWrapping) {
    DataKeyWrapping.WrappedKey fresh = keyWrapping.wrap(tenantId, SecretEnvelope.newDataKey());
    execute(
        "insert into tenant_data_key (tenant_id, master_key_id, wrapped_key) values (?, ?, ?)"
            + " on conflict do nothing",
        tenantId,
        fresh.keyId(),
        fresh.wrapped());
    return dataKey(tenantId, keyWrapping);
  }

  /**
   * Re-wraps the tenant's data key by the active key of {@code keyWrapping}, as the API's start-up
   * rotation ({@code MasterKeyRotation}) does to every data key, which the worker cannot call.
   */
  public void rewrapDataKey(String tenantId, DataKeyWrapping keyWrapping) {
    byte[] dataKey = dataKey(tenantId, keyWrapping);
    DataKeyWrapping.WrappedKey rewrapped = keyWrapping.wrap(tenantId, dataKey);
    execute(
        "update tenant_data_key set master_key_id = ?, wrapped_key = ?, rewrapped_at = now()"
            + " where tenant_id = ?",
        rewrapped.keyId(),
        rewrapped.wrapped(),
        tenantId);
  }

  /** The key id the tenant's data key row names. */
  public String dataKeyId(String tenantId) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement("select master_key_id from tenant_data_key where tenant_id = ?")) {
      ps.setString(1, tenantId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private byte[] dataKey(String tenantId, DataKeyWrapping keyWrapping) {
    return keyWrapping.unwrap(
        tenantId,
        dataKeyId(tenantId),
        queryBytes("select wrapped_key from tenant_data_key where tenant_id = ?", tenantId));
  }

  /** Inserts a tenant row. */
  public void createTenant(String tenantId) {
    execute(
        "insert into tenant (id, display_name, created_by) values (?, ?, 'test')",
        tenantId,
        "Test " + tenantId);
  }

  /** Copies one tenant's sealed secret over another's row of the same name (a tampered store). */
  public void copySealedSecret(String fromTenant, String toTenant, String name) {
    execute(
        "update tenant_secret set sealed = (select sealed from tenant_secret where tenant_id = ?"
            + " and name = ?) where tenant_id = ? and name = ?",
        fromTenant,
        name,
        toTenant,
        name);
  }

  private byte[] queryBytes(String sql, Object... params) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBytes(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static MasterKeyring testKeyring() {
    try {
      Path file = Files.createTempDirectory("agent-runtime-keys").resolve("master.key");
      MasterKeyring.writeNewKey(file);
      return MasterKeyring.load(List.of(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Inserts a fresh tenant, agent and version, and admits a queued run of it. */
  public RunWorkflowInput seedRun(AgentSpec spec, String inputJson) {
    String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
    String agentName = "summarizer";
    UUID agentId = UUID.randomUUID();
    UUID versionId = UUID.randomUUID();
    UUID runId = UUID.randomUUID();
    execute(
        "insert into tenant (id, display_name, created_by) values (?, ?, 'test')",
        tenant,
        "Test " + tenant);
    execute(
        "insert into agent (id, tenant_id, name, created_by) values (?, ?, ?, 'test')",
        agentId,
        tenant,
        agentName);
    execute(
        "insert into agent_version (id, tenant_id, agent_id, version, spec, content_hash,"
            + " created_by) values (?, ?, ?, 1, ?::jsonb, ?, 'test')",
        versionId,
        tenant,
        agentId,
        AgentSpecJson.write(spec),
        AgentSpecJson.contentHash(spec));
    admit(tenant, agentId, 1, runId, inputJson);
    return new RunWorkflowInput(tenant, runId, agentId, agentName, versionId, 1);
  }

  /**
   * Inserts another agent, named {@code agentName}, with {@code spec} as its version 1, in the
   * tenant of {@code run}: a sub-agent its tools may name.
   */
  public void seedAgent(RunWorkflowInput run, String agentName, AgentSpec spec) {
    UUID agentId = UUID.randomUUID();
    execute(
        "insert into agent (id, tenant_id, name, created_by) values (?, ?, ?, 'test')",
        agentId,
        run.tenantId(),
        agentName);
    execute(
        "insert into agent_version (id, tenant_id, agent_id, version, spec, content_hash,"
            + " created_by) values (?, ?, ?, 1, ?::jsonb, ?, 'test')",
        UUID.randomUUID(),
        run.tenantId(),
        agentId,
        AgentSpecJson.write(spec),
        AgentSpecJson.contentHash(spec));
  }

  /** Admits another queued run of the same agent version as {@code earlier}. */
  public RunWorkflowInput seedRunOfSameVersion(RunWorkflowInput earlier, String inputJson) {
    QueuedRun run =
        admit(
            earlier.tenantId(),
            earlier.agentId(),
            earlier.agentVersion(),
            UUID.randomUUID(),
            inputJson);
    return run.workflowInput();
  }

  /**
   * Admits a fork of {@code source} from step {@code fromStep}, of the same agent version, with
   * {@code inputJson} as its input, as the API's fork endpoint does.
   */
  public RunWorkflowInput seedFork(RunWorkflowInput source, int fromStep, String inputJson) {
    Admission admission =
        new RunAdmissions(dataSource)
            .admit(
                new AdmissionRequest(
                        source.tenantId(),
                        UUID.randomUUID(),
                        source.agentId(),
                        null,
                        source.agentVersion(),
                        inputJson,
                        null,
                        "test",
                        RunOrigin.FORK,
                        "test")
                    .withSource(RunSource.fork(source.runId(), fromStep)));
    if (admission instanceof Admission.Admitted admitted) {
      return admitted.run().workflowInput();
    }
    throw new IllegalStateException("the fork was not admitted: " + admission);
  }

  /** Admits a run through the one admission path, as the API and every later origin do. */
  private QueuedRun admit(String tenant, UUID agentId, int version, UUID runId, String inputJson) {
    Admission admission =
        new RunAdmissions(dataSource)
            .admit(
                new AdmissionRequest(
                    tenant,
                    runId,
                    agentId,
                    null,
                    version,
                    inputJson,
                    null,
                    "test",
                    RunOrigin.API,
                    "test"));
    if (admission instanceof Admission.Admitted admitted) {
      return admitted.run();
    }
    throw new IllegalStateException("the seeded run was not admitted: " + admission);
  }

  /** The MCP pins of a run's agent version: tool name to "sha256 pinned_at". */
  public Map<String, String> mcpPins(RunWorkflowInput run) {
    Map<String, String> out = new java.util.TreeMap<>();
    query(
        "select tool_name, definition_sha256, pinned_at::text from mcp_tool_pin"
            + " where tenant_id = ? and agent_version_id = ?",
        rs -> out.put(rs.getString(1), rs.getString(2) + " " + rs.getString(3)),
        run.tenantId(),
        run.agentVersionId());
    return out;
  }

  public List<Event> events(RunWorkflowInput run) {
    return eventsOf(run.tenantId(), run.runId());
  }

  /** The timeline of any run of the tenant (a child run has no workflow input of the test's). */
  public List<Event> eventsOf(String tenantId, UUID runId) {
    List<Event> out = new ArrayList<>();
    query(
        "select seq, type, event_key, payload::text from run_event"
            + " where tenant_id = ? and run_id = ? order by seq",
        rs -> out.add(new Event(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4))),
        tenantId,
        runId);
    return out;
  }

  /** An approval row as the API would show it. */
  public record ApprovalRow(
      String id,
      String status,
      String toolName,
      String arguments,
      String argumentsSha256,
      String decidedBy,
      String comment) {}

  public List<ApprovalRow> approvals(RunWorkflowInput run) {
    List<ApprovalRow> out = new ArrayList<>();
    query(
        "select id, status, tool_name, arguments, arguments_sha256, decided_by, comment"
            + " from run_approval where tenant_id = ? and run_id = ? order by step, call_index",
        rs ->
            out.add(
                new ApprovalRow(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getString(7))),
        run.tenantId(),
        run.runId());
    return out;
  }

  public Map<String, Object> runRow(RunWorkflowInput run) {
    Map<String, Object> row = new HashMap<>();
    query(
        "select status, status_reason, steps, total_tokens, started_at, finished_at from run"
            + " where tenant_id = ? and id = ?",
        rs -> {
          row.put("status", rs.getString(1));
          row.put("status_reason", rs.getString(2));
          row.put("steps", rs.getInt(3));
          row.put("total_tokens", rs.getInt(4));
          row.put("started_at", rs.getObject(5));
          row.put("finished_at", rs.getObject(6));
        },
        run.tenantId(),
        run.runId());
    return row;
  }

  /** A run of a tree, as its row says. */
  public record TreeRow(
      UUID id,
      UUID parentRunId,
      UUID rootRunId,
      int depth,
      String origin,
      String status,
      String statusReason,
      String workflowId,
      Integer maxSteps,
      Integer maxTokens,
      java.time.OffsetDateTime startedAt,
      java.time.OffsetDateTime finishedAt) {}

  /** The text of the run's output artifact, as the object store holds it. */
  public String outputText(RunWorkflowInput run) {
    return objects.getText(
        RunObjectKeys.artifact(run.tenantId(), run.runId(), RunObjectKeys.OUTPUT_ARTIFACT));
  }

  /** The runs below {@code root}, oldest first. */
  public List<TreeRow> descendants(RunWorkflowInput root) {
    List<TreeRow> out = new ArrayList<>();
    query(
        "select id, parent_run_id, root_run_id, depth, origin, status, status_reason,"
            + " workflow_id, max_steps, max_tokens, started_at, finished_at from run"
            + " where tenant_id = ? and root_run_id = ? order by created_at",
        rs ->
            out.add(
                new TreeRow(
                    rs.getObject(1, UUID.class),
                    rs.getObject(2, UUID.class),
                    rs.getObject(3, UUID.class),
                    rs.getInt(4),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getString(7),
                    rs.getString(8),
                    (Integer) rs.getObject(9),
                    (Integer) rs.getObject(10),
                    rs.getObject(11, java.time.OffsetDateTime.class),
                    rs.getObject(12, java.time.OffsetDateTime.class))),
        root.tenantId(),
        root.runId());
    return out;
  }

  /** The status of each approval of run {@code runId} of the tenant, oldest first. */
  public List<String> approvalStatuses(String tenantId, UUID runId) {
    List<String> out = new ArrayList<>();
    query(
        "select status from run_approval where tenant_id = ? and run_id = ? order by requested_at",
        rs -> out.add(rs.getString(1)),
        tenantId,
        runId);
    return out;
  }

  public List<ArtifactRow> artifactRows(RunWorkflowInput run) {
    List<ArtifactRow> out = new ArrayList<>();
    query(
        "select name, content_type, size_bytes, sha256 from artifact"
            + " where tenant_id = ? and run_id = ? order by name",
        rs ->
            out.add(
                new ArtifactRow(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4))),
        run.tenantId(),
        run.runId());
    return out;
  }

  public Optional<ArtifactRow> artifactRow(RunWorkflowInput run, String name) {
    return artifactRows(run).stream().filter(a -> a.name().equals(name)).findFirst();
  }

  private interface RowHandler {
    void accept(ResultSet rs) throws SQLException;
  }

  private void query(String sql, RowHandler handler, Object... args) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          handler.accept(rs);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs one SQL statement on the test database. */
  public void execute(String sql, Object... args) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
