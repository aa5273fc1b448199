package dev.agentruntime.testkit;

import dev.agentruntime.embedded.Tools;
import java.nio.file.Path;

/**
 * schemathesis, the OpenAPI fuzzer the API contract test runs. It lives in a Python venv that
 * {@code scripts/install-tools.sh schemathesis} creates, with {@code st} linked into the same tools
 * bin directory as the Temporal CLI, so tests find both the same way.
 */
public final class Schemathesis {

  private Schemathesis() {}

  /** The {@code st} command (see {@code scripts/install-tools.sh}). */
  public static Path locateCli() {
    return Tools.binary("st");
  }
}
