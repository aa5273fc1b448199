package dev.agentruntime.standalone;

import java.nio.file.Path;

/** The environment a launcher started by the project's own harnesses (bench, tests) runs with. */
public final class LauncherEnvironment {

  private LauncherEnvironment() {}

  /**
   * Points the launcher at {@code home} and drops every other {@code AGENT_RUNTIME_*} variable of
   * the caller, so the launcher runs on its own defaults and no real service is named by accident.
   * The tools directory stays, so it finds the Temporal server the caller built.
   */
  public static ProcessBuilder onOwnDefaults(ProcessBuilder builder, Path home) {
    builder
        .environment()
        .keySet()
        .removeIf(k -> k.startsWith("AGENT_RUNTIME_") && !k.equals("AGENT_RUNTIME_TOOLS"));
    builder.environment().put("AGENT_RUNTIME_HOME", home.toString());
    return builder;
  }
}
