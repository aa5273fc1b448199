package dev.agentruntime.systemtests;

import dev.agentruntime.embedded.Ports;
import dev.agentruntime.embedded.TemporalDevServer;
import dev.agentruntime.standalone.Stack;
import dev.agentruntime.testkit.FakeOpenAiServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One stack for all end-to-end tests of this JVM: embedded PostgreSQL, Redis, S3 and Temporal test
 * server, the packaged API and worker as child processes, and a fake OpenAI-compatible model server
 * reached by the worker through the real LangChain4j client. Closed when the test JVM ends.
 */
public final class E2EStack implements BeforeAllCallback {

  private static Stack stack;
  private static FakeOpenAiServer model;
  private static TemporalDevServer temporal;

  @Override
  public void beforeAll(ExtensionContext context) {
    context
        .getRoot()
        .getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(E2EStack.class.getName(), key -> start(), AutoCloseable.class);
  }

  private static synchronized AutoCloseable start() {
    model = FakeOpenAiServer.start();
    Path home = Path.of(System.getProperty("agent-runtime.e2e.home", "target/e2e"));
    temporal = TemporalDevServer.start(home.resolve("temporal"), Ports.free(), Ports.free());
    try {
      stack = startStack(home);
    } catch (RuntimeException e) {
      // Nothing else would stop them: the root store only closes what start() returned.
      temporal.close();
      model.close();
      throw e;
    }
    return () -> {
      stack.close();
      temporal.close();
      model.close();
    };
  }

  private static Stack startStack(Path home) {
    return Stack.start(TestStacks.settings(home, temporal.target(), Map.of(), Map.of()));
  }

  public static Stack stack() {
    return stack;
  }

  public static FakeOpenAiServer model() {
    return model;
  }

  /** The Temporal frontend's {@code host:port}, for reading workflow histories. */
  public static String temporalTarget() {
    return temporal.target();
  }
}
