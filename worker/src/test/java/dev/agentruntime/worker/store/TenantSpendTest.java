package dev.agentruntime.worker.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.core.run.Admission;
import dev.agentruntime.core.run.AdmissionRequest;
import dev.agentruntime.core.run.RunAdmissions;
import dev.agentruntime.core.run.RunEventTypes;
import dev.agentruntime.core.run.RunOrigin;
import dev.agentruntime.core.run.event.ModelCallCompleted;
import dev.agentruntime.core.run.event.TenantBudgetSoftExceeded;
import dev.agentruntime.core.tenant.BudgetExceeded;
import dev.agentruntime.core.workflow.RunWorkflowInput;
import dev.agentruntime.worker.TestInfrastructure;
import dev.agentruntime.worker.TestInfrastructure.Event;
import dev.agentruntime.worker.TestSpecs;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Tenant budgets (V22) on the real schema: the spend counter kept by model_usage's trigger, the
 * soft event recorded once per period however many steps cross it at once, and the hard limit
 * refused at admission until the period resets.
 */
class TenantSpendTest {

  private final TestInfrastructure infra = TestInfrastructure.get();
  private final RunAdmissions admissions = new RunAdmissions(infra.dataSource);

  @Test
  void eachModelCallCountsOnceIntoTheTenantsDayAndMonthWithItsPricedCost() throws SQLException {
    RunWorkflowInput run = infra.seedRun(TestSpecs.demo(), "{}");
    price("openai", "gpt-budget-test", "2.00", "8.00");

    modelCall(run, 1, "gpt-budget-test", 1_000, 500);
    modelCall(run, 2, "gpt-budget-test", 2_000, 250);
    // The same step recorded again (a retried activity): the same key, nothing counted.
    modelCall(run, 1, "gpt-budget-test", 1_000, 500);
    // A model the table does not price: tokens count, cost does not.
    modelCall(run, 3, "unpriced-model", 100, 100);

    for (String period : List.of("day", "month")) {
      Spend spend = spend(run.tenantId(), period);
      assertThat(spend.tokens()).isEqualTo(3_950);
      // (3000 * 2.00 + 750 * 8.00) / 1e6
      assertThat(spend.cost()).isEqualByComparingTo("0.012");
      assertThat(spend.unpricedCalls()).isEqualTo(1);
    }
    assertThat(spendRows(run.tenantId())).isEqualTo(2);
  }

  @Test
  void concurrentStepsCrossingTheSoftThresholdRecordOneEventInThePeriod() throws Exception {
    RunWorkflowInput first = infra.seedRun(TestSpecs.demo(), "{}");
    tokenBudget(first.tenantId(), "day", 1_000, 50);
    List<RunWorkflowInput> runs = new ArrayList<>();
    runs.add(first);
    for (int i = 1; i < 8; i++) {
      runs.add(infra.seedRunOfSameVersion(first, "{\"n\": " + i + "}"));
    }
    // Eight steps of 150 tokens at once: the fourth to commit reaches 600 >= 500.
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<CompletableFuture<Void>> steps = new ArrayList<>();
      for (RunWorkflowInput run : runs) {
        steps.add(
            CompletableFuture.runAsync(
                () -> {
                  try {
                    go.await();
                    modelCall(run, 1, "gpt-test", 100, 50);
                  } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                  }
                },
                pool));
      }
      go.countDown();
      CompletableFuture.allOf(steps.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }

    List<TenantBudgetSoftExceeded> soft = new ArrayList<>();
    for (RunWorkflowInput run : runs) {
      for (Event event : infra.events(run)) {
        if (event.type().equals(RunEventTypes.TENANT_BUDGET_SOFT_EXCEEDED)) {
          soft.add((TenantBudgetSoftExceeded) event.record());
        }
      }
    }
    assertThat(soft).hasSize(1);
    TenantBudgetSoftExceeded event = soft.get(0);
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    assertThat(event.budget()).isEqualTo("tokens");
    assertThat(event.period()).isEqualTo("day");
    assertThat(event.periodStart()).isEqualTo(today.toString());
    assertThat(event.spent()).isBetween(new BigDecimal(500), new BigDecimal(600));
    assertThat(event.threshold()).isEqualByComparingTo("500");
    assertThat(event.limit()).isEqualByComparingTo("1000");
    assertThat(event.resetsAt()).isEqualTo(today.plusDays(1) + "T00:00:00Z");
    assertThat(spend(first.tenantId(), "day").tokens()).isEqualTo(1_200);

    // More steps in the same period record nothing more.
    modelCall(first, 2, "gpt-test", 100, 50);
    assertThat(softEvents(first.tenantId())).isEqualTo(1);
  }

  @Test
  void aTenantAtItsHardLimitAdmitsNoRunUntilThePeriodResets() throws SQLException {
    RunWorkflowInput run = infra.seedRun(TestSpecs.demo(), "{}");
    tokenBudget(run.tenantId(), "day", 300, 80);
    modelCall(run, 1, "gpt-test", 200, 100);
    long runsBefore = runs(run.tenantId());

    Admission refused = admissions.admit(request(run, "after-the-limit"));

    assertThat(refused).isInstanceOf(Admission.OverBudget.class);
    BudgetExceeded budget = ((Admission.OverBudget) refused).budget();
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    assertThat(budget.budget()).isEqualTo("tokens");
    assertThat(budget.period()).isEqualTo("day");
    assertThat(budget.periodStart()).isEqualTo(today);
    assertThat(budget.spent()).isEqualByComparingTo("300");
    assertThat(budget.limit()).isEqualByComparingTo("300");
    assertThat(budget.resetsAt())
        .isEqualTo(ZonedDateTime.of(today.plusDays(1).atStartOfDay(), ZoneOffset.UTC).toInstant());
    assertThat(budget.stopReason())
        .isEqualTo(
            "budget-exceeded: tenant token budget for day "
                + today
                + " spent: 300 of 300 tokens, resets at "
                + today.plusDays(1)
                + "T00:00:00Z");
    assertThat(runs(run.tenantId())).isEqualTo(runsBefore);

    // The period boundary passes (what today counted becomes yesterday's): admitted again.
    infra.execute(
        "update tenant_spend set period_start = period_start - 1 where tenant_id = ?"
            + " and period = 'day'",
        run.tenantId());
    assertThat(admissions.admit(request(run, "next-day"))).isInstanceOf(Admission.Admitted.class);
    assertThat(runs(run.tenantId())).isEqualTo(runsBefore + 1);
  }

  @Test
  void aCostBudgetCountsPricedCallsAndAMonthlyOneIgnoresTheDay() throws SQLException {
    RunWorkflowInput run = infra.seedRun(TestSpecs.demo(), "{}");
    price("openai", "gpt-cost-test", "1000000", "0");
    infra.execute(
        "insert into tenant_policy (tenant_id, max_concurrent_runs, updated_by,"
            + " cost_budget_period, cost_budget_limit) values (?, 100, 'test', 'month', 0.5)",
        run.tenantId());
    modelCall(run, 1, "gpt-cost-test", 0, 7);
    assertThat(admissions.admit(request(run, "within"))).isInstanceOf(Admission.Admitted.class);

    modelCall(run, 2, "gpt-cost-test", 1, 0); // costs 1.0: over the 0.5 limit
    Admission refused = admissions.admit(request(run, "over"));

    assertThat(refused).isInstanceOf(Admission.OverBudget.class);
    BudgetExceeded budget = ((Admission.OverBudget) refused).budget();
    assertThat(budget.budget()).isEqualTo("cost");
    assertThat(budget.period()).isEqualTo("month");
    assertThat(budget.spent()).isEqualByComparingTo("1");
    assertThat(budget.periodStart()).isEqualTo(LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1));
    // Yesterday's day row changes nothing: the budget is the month's.
    infra.execute(
        "update tenant_spend set period_start = period_start - 1 where tenant_id = ?"
            + " and period = 'day'",
        run.tenantId());
    assertThat(admissions.admit(request(run, "still-over")))
        .isInstanceOf(Admission.OverBudget.class);
  }

  record Spend(long tokens, BigDecimal cost, long unpricedCalls) {}

  private void modelCall(RunWorkflowInput run, int step, String model, long input, long output) {
    infra.events.append(
        run.tenantId(),
        run.runId(),
        "model-" + step,
        new ModelCallCompleted(
            step,
            1,
            input + output,
            "key-" + step,
            "stop",
            List.of(),
            "openai",
            model,
            input,
            output));
  }

  private void price(String provider, String model, String input, String output) {
    infra.execute(
        "insert into model_price (provider, model, input_per_million, output_per_million)"
            + " values (?, ?, ?::numeric, ?::numeric) on conflict (provider, model) do update set"
            + " input_per_million = excluded.input_per_million,"
            + " output_per_million = excluded.output_per_million",
        provider,
        model,
        input,
        output);
  }

  private void tokenBudget(String tenant, String period, long limit, int softPercent) {
    infra.execute(
        "insert into tenant_policy (tenant_id, max_concurrent_runs, updated_by,"
            + " token_budget_period, token_budget_limit, token_budget_soft_percent)"
            + " values (?, 100, 'test', ?, ?, ?)",
        tenant,
        period,
        limit,
        softPercent);
  }

  private static AdmissionRequest request(RunWorkflowInput run, String key) {
    return new AdmissionRequest(
        run.tenantId(),
        UUID.randomUUID(),
        null,
        run.agentName(),
        null,
        "{}",
        key,
        "hash-" + key,
        RunOrigin.API,
        "test",
        null,
        null);
  }

  private Spend spend(String tenant, String period) throws SQLException {
    try (Connection c = infra.dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "select tokens, cost, unpriced_calls from tenant_spend where tenant_id = ?"
                    + " and period = ? and period_start = budget_period_start(?, now())")) {
      ps.setString(1, tenant);
      ps.setString(2, period);
      ps.setString(3, period);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).as("a %s row", period).isTrue();
        return new Spend(rs.getLong(1), rs.getBigDecimal(2), rs.getLong(3));
      }
    }
  }

  private long spendRows(String tenant) throws SQLException {
    return count("select count(*) from tenant_spend where tenant_id = ?", tenant);
  }

  private long softEvents(String tenant) throws SQLException {
    return count(
        "select count(*) from run_event where tenant_id = ? and type = 'tenant.budget.soft_exceeded'",
        tenant);
  }

  private long runs(String tenant) throws SQLException {
    return count("select count(*) from run where tenant_id = ?", tenant);
  }

  private long count(String sql, String tenant) throws SQLException {
    try (Connection c = infra.dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, tenant);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
