package dev.agentruntime.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The memory of another JVM on this machine: its RSS, and its heap in use right after a full GC
 * (what its live objects take), read with the JDK's {@code jcmd}.
 */
final class JvmMemory {

  /**
   * A heap area's line of {@code GC.heap_info}: "DefNew total 1234K, used 567K ..." and "Tenured
   * ..." for the serial collector (JDK 25), "garbage-first heap total ..." for G1; Metaspace lines
   * carry no "total" before "used" and are left out.
   */
  private static final Pattern USED = Pattern.compile("total \\d+K, used (\\d+)K");

  private JvmMemory() {}

  /** {RSS MiB, heap used after a full GC MiB}; -1 for a figure that could not be read. */
  static double[] afterFullGc(long pid) {
    double heap = -1;
    try {
      jcmd(pid, "GC.run");
      String info = jcmd(pid, "GC.heap_info");
      long usedKiB = 0;
      boolean found = false;
      Matcher m = USED.matcher(info);
      while (m.find()) {
        usedKiB += Long.parseLong(m.group(1));
        found = true;
      }
      heap = found ? usedKiB / 1024.0 : -1;
    } catch (IOException | RuntimeException e) {
      // jcmd missing or the process gone: reported as unknown
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return new double[] {ProcessMemory.rssMiB(pid), heap};
  }

  private static String jcmd(long pid, String command) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process process =
        new ProcessBuilder(List.of(jcmd.toString(), Long.toString(pid), command))
            .redirectErrorStream(true)
            .start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IOException("jcmd " + command + " failed: " + out);
    }
    return out;
  }
}
