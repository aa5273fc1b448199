package dev.agentruntime.cli;

import picocli.CommandLine.Option;

/** {@code -o table|json}, on every command that prints what the API answered. */
final class OutputOptions {

  enum Format {
    table,
    json
  }

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "table (for people, the default) or json (the API's JSON as it came).")
  Format format = Format.table;

  boolean json() {
    return format == Format.json;
  }
}
