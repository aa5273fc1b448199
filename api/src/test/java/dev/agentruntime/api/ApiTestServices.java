package dev.agentruntime.api;

import dev.agentruntime.core.secret.MasterKeyring;
import dev.agentruntime.embedded.DevTokens;
import dev.agentruntime.embedded.LocalPostgres;
import dev.agentruntime.embedded.LocalRedis;
import dev.agentruntime.embedded.LocalS3;
import dev.agentruntime.embedded.LocalTemporal;
import dev.agentruntime.embedded.Ports;
import dev.agentruntime.embedded.TemporalDevServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The real services the API talks to, started once per test application: PostgreSQL, Redis, the
 * in-memory Temporal server, a real S3 server (s3proxy) with the bucket the worker would have made,
 * a token signing key pair and a master key for tenant secrets.
 */
public class ApiTestServices implements QuarkusTestResourceLifecycleManager {

  /** Config key under which tests find the directory of the signing keys. */
  public static final String KEYS_DIR = "agent-runtime.test.keys-dir";

  private LocalPostgres postgres;
  private LocalRedis redis;
  private LocalTemporal temporal;
  private TemporalDevServer temporalServer;
  private LocalS3 s3;
  private Path keys;

  /** The bucket of run data the API reads; tests write into it as the worker would. */
  public static final String S3_BUCKET = "agent-runtime-test";

  /** Config key of the master key files; a test reads the keyring the API runs with from it. */
  public static final String MASTER_KEY_FILES = "agent-runtime.secrets.master-key-files";

  /**
   * Whether the API gets a master key (a fresh one, written for this run: no key is checked in);
   * without one it cannot write secrets.
   */
  protected boolean masterKey() {
    return true;
  }

  /**
   * Whether to leave Temporal down: the API is then pointed at a free port where the test starts a
   * server itself, to show what happens while Temporal is unreachable.
   */
  protected boolean temporalLater() {
    return false;
  }

  /**
   * Whether Temporal is the real server (the CLI's dev server) instead of the in-memory test
   * server, for what the test server lacks: schedules, visibility.
   */
  protected boolean temporalServer() {
    return false;
  }

  /**
   * Whether to leave Redis down: the API is then pointed at a free port where the test starts a
   * server itself, to show what happens while Redis is unreachable.
   */
  protected boolean redisLater() {
    return false;
  }

  /** Whether to point the API at an S3 endpoint where nothing listens: the store is down. */
  protected boolean s3Down() {
    return false;
  }

  @Override
  public Map<String, String> start() {
    try {
      keys = Files.createTempDirectory("api-test-keys");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    DevTokens tokens = DevTokens.inDirectory(keys);
    postgres = LocalPostgres.startEphemeral();
    Map<String, String> config = new HashMap<>();
    if (redisLater()) {
      config.put("agent-runtime.redis.url", "redis://127.0.0.1:" + Ports.free());
    } else {
      redis = LocalRedis.startEphemeral();
      config.put("agent-runtime.redis.url", redis.url());
    }
    if (temporalLater()) {
      config.put("agent-runtime.temporal.target", "127.0.0.1:" + Ports.free());
      config.put("agent-runtime.temporal.start-timeout", "1s");
    } else if (temporalServer()) {
      temporalServer =
          TemporalDevServer.start(keys.resolve("temporal"), Ports.free(), Ports.free());
      config.put("agent-runtime.temporal.target", temporalServer.target());
    } else {
      temporal = LocalTemporal.startEphemeral();
      config.put("agent-runtime.temporal.target", temporal.target());
    }
    if (s3Down()) {
      config.put("agent-runtime.s3.endpoint", "http://127.0.0.1:" + Ports.free());
    } else {
      s3 = LocalS3.startEphemeral();
      config.put("agent-runtime.s3.endpoint", s3.endpoint());
    }
    config.put("agent-runtime.s3.access-key", LocalS3.ACCESS_KEY);
    config.put("agent-runtime.s3.secret-key", LocalS3.SECRET_KEY);
    config.put("agent-runtime.s3.bucket", S3_BUCKET);
    config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl());
    config.put("quarkus.datasource.username", LocalPostgres.USER);
    config.put("quarkus.datasource.password", LocalPostgres.PASSWORD);
    config.put("mp.jwt.verify.publickey.location", tokens.publicKeyPem().toString());
    config.put(KEYS_DIR, keys.toString());
    // Tests carry out tenant deletions themselves (TenantDeletionJob.pass), so that no scheduled
    // pass races the state a test sets up (a crashed replica's lease, say).
    config.put("agent-runtime.tenant-deletion.interval", "1h");
    if (masterKey()) {
      Path masterKey = keys.resolve("master-key-test-only");
      try {
        MasterKeyring.writeNewKey(masterKey);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      config.put(MASTER_KEY_FILES, masterKey.toString());
    }
    return config;
  }

  @Override
  public void stop() {
    if (temporal != null) {
      temporal.close();
    }
    if (temporalServer != null) {
      temporalServer.close();
    }
    if (redis != null) {
      redis.close();
    }
    if (s3 != null) {
      s3.close();
    }
    if (postgres != null) {
      postgres.close();
    }
    if (keys != null) {
      try (Stream<Path> files = Files.walk(keys)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // a temp directory left behind is harmless
      }
    }
  }
}
