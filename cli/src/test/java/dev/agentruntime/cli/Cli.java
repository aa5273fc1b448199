package dev.agentruntime.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Runs agentctl in this JVM with its own environment and captured output. */
final class Cli {

  record Result(int exitCode, String out, String err) {}

  private final Map<String, String> env = new HashMap<>();
  private byte[] stdin = new byte[0];

  Cli env(String name, String value) {
    env.put(name, value);
    return this;
  }

  Cli stdin(String text) {
    stdin = text.getBytes(StandardCharsets.UTF_8);
    return this;
  }

  Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      int code =
          AgentCtl.run(
              new AgentCtl.Context(Map.copyOf(env), new ByteArrayInputStream(stdin), o, e), args);
      return new Result(
          code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
  }

  /** An unsigned JWT-shaped token with these claims (agentctl reads, the API checks). */
  static String token(String sub, String tenant, long exp, String... roles) {
    String groups = roles.length == 0 ? "[]" : "[\"" + String.join("\",\"", roles) + "\"]";
    String payload =
        "{\"sub\":\""
            + sub
            + "\""
            + (tenant == null ? "" : ",\"tenant\":\"" + tenant + "\"")
            + ",\"groups\":"
            + groups
            + ",\"exp\":"
            + exp
            + "}";
    java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
    return b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8))
        + "."
        + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8))
        + ".sig";
  }
}
