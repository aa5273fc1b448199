package dev.agentruntime.benchmarks;

import static dev.agentruntime.benchmarks.Formats.f1;
import static dev.agentruntime.benchmarks.Formats.f2;
import static dev.agentruntime.benchmarks.Formats.grouped;
import static dev.agentruntime.benchmarks.Formats.met;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Section 1 of docs/benchmarks.md: admission through the API against bare starts, the method once
 * and the figures of each server.
 */
final class AdmissionSection {

  private final Map<String, AdmissionBench.Result> byServer;

  /**
   * @param byServer each server's title ({@link TargetsSection#title}) and what it measured
   */
  AdmissionSection(Map<String, AdmissionBench.Result> byServer) {
    this.byServer = byServer;
  }

  String markdown() {
    AdmissionBench.Result a = byServer.values().iterator().next();
    Map<String, Object> v = new HashMap<>();
    v.put("clients", a.clients());
    v.put("requests", a.requests());
    v.put("rounds", a.rounds().size());
    v.put("warmup", a.warmup());
    v.put("bareWorkflowType", BareWorkflows.ADMISSION_WORKFLOW_TYPE);
    v.put("bareTaskQueue", BareWorkflows.ADMISSION_TASK_QUEUE);
    List<String> servers = new ArrayList<>();
    byServer.forEach((title, result) -> servers.add(new Figures(result).markdown(title).strip()));
    v.put("servers", String.join("\n\n", servers));
    return Template.load("benchmarks-admission.md").render(v);
  }

  /** One server's rounds, ratio and CPU. */
  private static final class Figures {

    private final AdmissionBench.Result a;

    Figures(AdmissionBench.Result a) {
      this.a = a;
    }

    String markdown(String title) {
      Map<String, Object> v = new HashMap<>();
      v.put("title", title);
      v.put("roundRows", Report.rows(roundRows()));
      pooled(v, "api", a.apiPerSecond(), a.apiPooled());
      pooled(v, "bare", a.barePerSecond(), a.barePooled());
      v.put("ratio", f2(a.ratio()));
      v.put("target", f1(Report.ADMISSION_TARGET));
      v.put("met", met(a.ratio() >= Report.ADMISSION_TARGET));
      v.put("ownWorkMs", f1(a.apiPooled().p50Ms() - a.barePooled().p50Ms()));
      v.put("cpu", cpu());
      return Template.load("benchmarks-admission-server.md").render(v);
    }

    /** Each round's two loops, in the order they ran. */
    private List<String> roundRows() {
      List<String> rows = new ArrayList<>();
      int i = 1;
      for (AdmissionBench.Round round : a.rounds()) {
        List<String> order =
            round.first().equals("bare") ? List.of("bare", "api") : List.of("api", "bare");
        for (String kind : order) {
          ClosedLoop.Result x = kind.equals("api") ? round.api() : round.bare();
          Stats s = x.stats();
          rows.add(
              String.format(
                  Locale.ROOT,
                  "| %d | %s | %s | %s | %s | %s | %s | %d |",
                  i,
                  kind.equals("api") ? "API `POST /v1/runs`" : "bare `WorkflowClient.start`",
                  grouped(x.perSecond()),
                  f1(s.meanMs()),
                  f1(s.p50Ms()),
                  f1(s.p99Ms()),
                  f1(s.maxMs()),
                  x.errors()));
        }
        i++;
      }
      return rows;
    }

    private static void pooled(Map<String, Object> v, String kind, double perSecond, Stats s) {
      v.put(kind + "PerSecond", grouped(perSecond));
      v.put(kind + "Mean", f1(s.meanMs()));
      v.put(kind + "P50", f1(s.p50Ms()));
      v.put(kind + "P99", f1(s.p99Ms()));
      v.put(kind + "Max", f1(s.maxMs()));
    }

    /** Where the CPU of the measured rounds went, per request, when it was accounted. */
    private String cpu() {
      String api = "API `POST /v1/runs`";
      String bare = "bare `WorkflowClient.start`";
      CpuTable table =
          new CpuTable("per request")
              .column(api, a.apiCpuMs(), a.measuredRequests())
              .column(bare, a.bareCpuMs(), a.measuredRequests());
      if (table.isEmpty()) {
        return "";
      }
      double apiTemporal = CpuAccount.sum(a.apiCpuMs(), CpuAccount.SERVER) / a.measuredRequests();
      double bareTemporal = CpuAccount.sum(a.bareCpuMs(), CpuAccount.SERVER) / a.measuredRequests();
      Map<String, Object> v = new HashMap<>();
      v.put("table", table.markdown());
      v.put("apiTotal", f1(table.total(api)));
      v.put("bareTotal", f1(table.total(bare)));
      // CPU ms per request × requests per second = ms of CPU per second, in cores.
      v.put("apiCores", f1(table.total(api) * a.apiPerSecond() / 1000));
      v.put("bareCores", f1(table.total(bare) * a.barePerSecond() / 1000));
      v.put("apiTemporal", f1(apiTemporal));
      v.put("bareTemporal", f1(bareTemporal));
      v.put("temporalRatio", f2(apiTemporal / bareTemporal));
      return "\n\n" + Template.load("benchmarks-admission-cpu.md").render(v).strip();
    }
  }
}
