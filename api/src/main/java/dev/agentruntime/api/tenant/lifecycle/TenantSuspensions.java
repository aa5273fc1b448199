package dev.agentruntime.api.tenant.lifecycle;

import dev.agentruntime.api.error.RunStateConflict;
import dev.agentruntime.api.run.control.RunControlService;
import dev.agentruntime.api.tenant.TenantResponse;
import dev.agentruntime.api.tenant.TenantService;
import dev.agentruntime.core.workflow.RunControl;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * Suspends and resumes tenants. The suspension commits first (from then on the database refuses
 * every new run of the tenant, V18), then the tenant's runs are paused or cancelled one by one
 * through the same control path as {@code POST /v1/runs/{id}/pause} and {@code cancel}: repeating a
 * suspension that stopped half-way (Temporal unreachable) finishes it.
 */
@ApplicationScoped
public class TenantSuspensions {

  private final TenantService tenants;
  private final TenantLifecycleRepository lifecycle;
  private final RunControlService controls;

  public TenantSuspensions(
      TenantService tenants, TenantLifecycleRepository lifecycle, RunControlService controls) {
    this.tenants = tenants;
    this.lifecycle = lifecycle;
    this.controls = controls;
  }

  public TenantResponse suspend(String tenantId, SuspendTenantRequest request, String actor) {
    String runs = request == null || request.runs() == null ? "keep" : request.runs();
    String reason = request == null ? null : request.reason();
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              tenants.get(tenantId);
              lifecycle.suspend(tenantId, actor, reason);
            });
    if (!runs.equals("keep")) {
      RunControl by =
          new RunControl(actor, "tenant suspended" + (reason == null ? "" : ": " + reason));
      for (UUID run : openRootRuns(tenantId)) {
        try {
          if (runs.equals("pause")) {
            controls.pause(tenantId, run, by);
          } else {
            controls.cancel(tenantId, run, by);
          }
        } catch (RunStateConflict ended) {
          // It ended, or began its cancel, meanwhile: nothing left to stop.
        }
      }
    }
    return tenants.get(tenantId);
  }

  public TenantResponse resume(String tenantId, ResumeTenantRequest request, String actor) {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              tenants.get(tenantId);
              lifecycle.resume(tenantId);
            });
    if (request != null && Boolean.TRUE.equals(request.resumeRuns())) {
      RunControl by = new RunControl(actor, "tenant resumed");
      for (UUID run : openRootRuns(tenantId)) {
        try {
          controls.resume(tenantId, run, by);
        } catch (RunStateConflict notPaused) {
          // Running, or ended meanwhile: nothing to resume.
        }
      }
    }
    return tenants.get(tenantId);
  }

  private List<UUID> openRootRuns(String tenantId) {
    return QuarkusTransaction.requiringNew().call(() -> lifecycle.openRootRuns(tenantId));
  }
}
