package dev.agentruntime.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run of {@code scripts/api-contract.sh} (schemathesis against the API's OpenAPI document) as a
 * child process, and what its console output says. The output is schemathesis' human-readable
 * report; only its stable landmarks are read (section rules, "N. Test Case ID", "- STnnn" check
 * lines, "N generated"), and the whole of it stays in a file for anything finer.
 */
record SchemathesisRun(int exitCode, Duration elapsed, Path outputFile, String output) {

  private static final Pattern GENERATED = Pattern.compile("(?m)^\\s*(\\d+) generated\\b");
  private static final Pattern FAILURE_TOTAL =
      Pattern.compile("(?m)^=+ (\\d+) failures? in [\\d.]+s =+$");
  private static final Pattern OPERATION_RULE = Pattern.compile("^_{3,} (.+?) _{3,}$");
  private static final Pattern CASE_START = Pattern.compile("^\\d+\\. Test Case ID: (\\S+)$");
  private static final Pattern CHECK_LINE = Pattern.compile("^- ST\\d{3} .*");
  private static final Pattern STATUS_LINE = Pattern.compile("^\\[\\d{3}] .*");
  private static final int MAX_LINE = 240;
  // What a check says about itself: the failure, then what was expected or where (schema, hint).
  private static final int DETAIL_LINES = 3;

  /**
   * Runs {@code script BASE_URL TOKEN} with {@code environment} added, output (stdout and stderr)
   * to {@code outputFile}; kills the whole process tree after {@code timeout}.
   */
  static SchemathesisRun start(
      Path script,
      String baseUrl,
      String token,
      Map<String, String> environment,
      Path outputFile,
      Duration timeout) {
    try {
      Files.createDirectories(outputFile.getParent());
      ProcessBuilder builder =
          new ProcessBuilder("bash", script.toString(), baseUrl, token)
              .redirectErrorStream(true)
              .redirectOutput(outputFile.toFile());
      builder.environment().putAll(environment);
      long started = System.nanoTime();
      Process process = builder.start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        // The script runs st as its child: end both, or st would keep fuzzing a stopped stack.
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError(
            "schemathesis did not finish within " + timeout + "; its output so far: " + outputFile);
      }
      Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
      String output = Files.readString(outputFile, StandardCharsets.UTF_8);
      return new SchemathesisRun(process.exitValue(), elapsed, outputFile, output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * The test cases schemathesis generated ("N generated" in its summary). Each is one request: the
   * probes checks send (no auth, another tenant, a deleted resource) are counted as cases too.
   */
  OptionalLong requests() {
    Matcher matcher = GENERATED.matcher(output);
    return matcher.find()
        ? OptionalLong.of(Long.parseLong(matcher.group(1)))
        : OptionalLong.empty();
  }

  /** The failure total of the closing rule ("== 41 failures in 22.63s =="), 0 if there is none. */
  long failures() {
    Matcher matcher = FAILURE_TOTAL.matcher(output);
    return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
  }

  /** The report from its SUMMARY rule to the end: phases, failures by check, counts, seed. */
  String summary() {
    int at = output.indexOf(" SUMMARY ");
    if (at < 0) {
      // No summary (st failed before testing, e.g. the schema did not load): its last lines.
      List<String> lines = output.lines().toList();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
    return output.substring(output.lastIndexOf('\n', at) + 1).strip();
  }

  /**
   * Each failing test case in a few lines: its operation and id, every check it failed with the
   * first lines of that check's detail, the status and body the API answered, and the curl that
   * reproduces it.
   */
  List<String> failureDigest() {
    List<List<String>> cases = new ArrayList<>();
    String operation = "?";
    int detailLeft = 0;
    boolean inFailures = false;
    for (String raw : output.lines().toList()) {
      String line = raw.strip();
      if (line.matches("^=+ FAILURES =+$")) {
        inFailures = true;
      } else if (line.matches("^=+ SUMMARY =+$")) {
        break;
      } else if (inFailures && !line.isEmpty()) {
        Matcher rule = OPERATION_RULE.matcher(line);
        Matcher start = CASE_START.matcher(line);
        if (rule.matches()) {
          operation = rule.group(1);
        } else if (start.matches()) {
          cases.add(new ArrayList<>(List.of(operation + "  (test case " + start.group(1) + ")")));
          detailLeft = 0;
        } else if (!cases.isEmpty()) {
          boolean check = CHECK_LINE.matcher(line).matches();
          if (check || STATUS_LINE.matcher(line).matches() || line.startsWith("curl ")) {
            cases.getLast().add("  " + clip(line));
            // After the status line comes the response body, on one line.
            detailLeft = check ? DETAIL_LINES : line.startsWith("[") ? 1 : 0;
          } else if (detailLeft > 0) {
            cases.getLast().add("    " + clip(line));
            detailLeft--;
          }
        }
      }
    }
    return cases.stream().map(lines -> String.join("\n", lines)).toList();
  }

  private static String clip(String line) {
    return line.length() <= MAX_LINE ? line : line.substring(0, MAX_LINE) + " …";
  }
}
