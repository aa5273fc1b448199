package dev.agentruntime.worker.workflow;

import dev.agentruntime.testkit.FakeOpenAiServer;
import dev.agentruntime.worker.RunHarness;
import dev.agentruntime.worker.TestInfrastructure;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * What tests of whole runs share: PostgreSQL and S3 ({@link TestInfrastructure}), one
 * OpenAI-compatible fake model per class, reset before each test, and a fresh Temporal test server
 * with a worker running the real workflow and activities for each test.
 */
abstract class WholeRunTest {

  protected static TestInfrastructure infra;
  protected static FakeOpenAiServer model;
  protected RunHarness harness;

  @BeforeAll
  static void startServices() {
    infra = TestInfrastructure.get();
    model = FakeOpenAiServer.start();
  }

  @AfterAll
  static void stopModel() {
    model.close();
  }

  @BeforeEach
  void startTemporal() {
    model
        .toolRounds(1)
        .parallelToolCalls(1)
        .latency(Duration.ZERO)
        .failNext(0, 500)
        .toolArguments(null);
    harness = new RunHarness(infra);
  }

  @AfterEach
  void stopTemporal() {
    harness.close();
  }
}
