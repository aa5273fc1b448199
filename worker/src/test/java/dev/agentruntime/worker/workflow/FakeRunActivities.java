package dev.agentruntime.worker.workflow;

import dev.agentruntime.core.activity.AgentTurnActivities;
import dev.agentruntime.core.activity.ModelActivities;
import dev.agentruntime.core.activity.ModelStepRequest;
import dev.agentruntime.core.activity.ModelStepResult;
import dev.agentruntime.core.activity.RunContext;
import dev.agentruntime.core.activity.RunFinish;
import dev.agentruntime.core.activity.RunPause;
import dev.agentruntime.core.activity.RunPlan;
import dev.agentruntime.core.activity.RunSlotActivities;
import dev.agentruntime.core.activity.RunStoreActivities;
import dev.agentruntime.core.activity.SlotClaim;
import dev.agentruntime.core.activity.TenantBudgetActivities;
import dev.agentruntime.core.activity.ToolActivities;
import dev.agentruntime.core.activity.ToolCallRef;
import dev.agentruntime.core.activity.ToolStepRequest;
import dev.agentruntime.core.activity.ToolStepResult;
import dev.agentruntime.core.approval.ApprovalRecord;
import dev.agentruntime.core.approval.ApprovalRequest;
import dev.agentruntime.core.approval.ApprovalTicket;
import dev.agentruntime.core.spec.AgentSpec;
import dev.agentruntime.core.workflow.RunWorkflowInput;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * Plain-Java stand-ins for every activity a run schedules, for the fast workflow tier: no database,
 * object store or model. Each call is written to a log (in the order the workflow made it, with
 * whether it ran as a local or a scheduled activity) that tests assert on; the model's answers come
 * from a script, and a step or a tool can be held until the test releases it, so a signal can land
 * while it is in flight.
 */
final class FakeRunActivities
    implements RunStoreActivities,
        ModelActivities,
        AgentTurnActivities,
        ToolActivities,
        RunSlotActivities,
        TenantBudgetActivities {

  /** The hash the fake approval rows give every call's arguments. */
  static final String ARGUMENTS_SHA256 = "a".repeat(64);

  private final List<String> log = new ArrayList<>();
  private final Map<String, CountDownLatch> holds = new ConcurrentHashMap<>();
  private volatile RunPlan plan;
  private volatile IntFunction<ModelStepResult> decisions;
  private volatile RuntimeException beginFailure;
  private volatile Predicate<String> failingTools = name -> false;
  private volatile RunFinish finish;
  private volatile String approvalId;
  private volatile IntFunction<String> budgetStops = call -> null;
  private int budgetCalls;

  FakeRunActivities(RunPlan plan, IntFunction<ModelStepResult> decisions) {
    this.plan = plan;
    this.decisions = decisions;
  }

  /** A step that asks for {@code tools} (one call each, in order). */
  static ModelStepResult toolCalls(int step, long tokens, String... tools) {
    List<ToolCallRef> calls = new ArrayList<>();
    for (int i = 0; i < tools.length; i++) {
      calls.add(new ToolCallRef(i, "call-" + step + "-" + i, tools[i]));
    }
    return new ModelStepResult("transcript-" + step, calls, false, tokens, "sha-" + step);
  }

  static ModelStepResult finalAnswer(int step, long tokens) {
    return new ModelStepResult("transcript-" + step, List.of(), true, tokens, "sha-" + step);
  }

  /**
   * Holds {@code what} until {@link #release}: {@code "step-N"} the decision of step N, {@code
   * "tool-NAME"} every call of the tool NAME.
   */
  FakeRunActivities hold(String what) {
    holds.put(what, new CountDownLatch(1));
    return this;
  }

  void release(String what) {
    CountDownLatch latch = holds.remove(what);
    if (latch != null) {
      latch.countDown();
    }
  }

  /** Lets every held call go, so no activity thread outlives its test. */
  void releaseAll() {
    List.copyOf(holds.keySet()).forEach(this::release);
  }

  FakeRunActivities failBeginRun(RuntimeException failure) {
    this.beginFailure = failure;
    return this;
  }

  FakeRunActivities failTools(Predicate<String> which) {
    this.failingTools = which;
    return this;
  }

  /** The id of the last approval the workflow asked for. */
  String approvalId() {
    return approvalId;
  }

  RunFinish finish() {
    return finish;
  }

  synchronized List<String> log() {
    return List.copyOf(log);
  }

  /** Waits (wall time) until the log holds an entry starting with {@code prefix}. */
  synchronized void awaitLogged(String prefix) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (log.stream().noneMatch(e -> e.startsWith(prefix))) {
      long left = end - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("never logged " + prefix + "; log: " + log);
      }
      wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
    }
  }

  private synchronized void record(String entry) {
    log.add(entry);
    notifyAll();
  }

  private static String kind() {
    return Activity.getExecutionContext().getInfo().isLocal() ? "local" : "scheduled";
  }

  /**
   * Blocks while {@code what} is held; a cancelled activity's thread is interrupted or released.
   */
  private void awaitRelease(String what) {
    CountDownLatch latch = holds.get(what);
    if (latch == null) {
      return;
    }
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public RunContext startRun(RunWorkflowInput input) {
    record("startRun " + kind());
    AgentSpec spec =
        new AgentSpec(null, null, "test", List.of(), plan.limits(), plan.retry(), null, null);
    return new RunContext(spec, plan.transcriptKey());
  }

  @Override
  public RunPlan beginRun(RunWorkflowInput input) {
    record("beginRun " + kind());
    if (beginFailure != null) {
      throw beginFailure;
    }
    return plan;
  }

  @Override
  public void recordPause(RunPause pause) {
    record(
        (pause.paused() ? "paused" : "resumed")
            + " #"
            + pause.number()
            + " after step "
            + pause.step()
            + " by "
            + pause.control().actor());
  }

  @Override
  public ApprovalTicket requestApproval(ApprovalRequest request) {
    approvalId = request.approvalId();
    record("requestApproval step " + request.step() + " call " + request.callIndex());
    return new ApprovalTicket(request.approvalId(), "call", "tool", ARGUMENTS_SHA256);
  }

  @Override
  public void recordApproval(ApprovalRecord record) {
    record("recordApproval " + record.outcome().status());
  }

  /** Every run holds a slot at once here: slots are the database's (RunSlotsTest). */
  @Override
  public SlotClaim claimSlot(String tenantId, UUID runId) {
    return new SlotClaim(true, true);
  }

  @Override
  public List<String> runsToWake(String tenantId, int limit) {
    return List.of();
  }

  /**
   * The tenant's budgets answer {@code stops} of the budget question's number (1 before step 1): a
   * stop reason, or null. Budgets themselves are the database's (TenantSpendTest). Not logged, so
   * the logs of tests of other features stay as they were.
   */
  FakeRunActivities budgetStops(IntFunction<String> stops) {
    this.budgetStops = stops;
    return this;
  }

  synchronized int budgetCalls() {
    return budgetCalls;
  }

  @Override
  public String budgetStop(String tenantId) {
    int call;
    synchronized (this) {
      call = ++budgetCalls;
    }
    return budgetStops.apply(call);
  }

  @Override
  public void finishRun(RunFinish finish) {
    this.finish = finish;
    record("finishRun " + kind() + " " + finish.outcome().status());
  }

  @Override
  public ModelStepResult callModel(ModelStepRequest request) {
    return decide("callModel", request);
  }

  @Override
  public ModelStepResult takeTurn(ModelStepRequest request) {
    return decide("takeTurn", request);
  }

  private ModelStepResult decide(String method, ModelStepRequest request) {
    record(method + " " + kind() + " step " + request.step());
    awaitRelease("step-" + request.step());
    return decisions.apply(request.step());
  }

  @Override
  public ToolStepResult callTool(ToolStepRequest request) {
    String name = request.call().name();
    record(
        "callTool "
            + kind()
            + " "
            + name
            + " step "
            + request.step()
            + (request.approvedArgumentsSha256() == null ? "" : " approved"));
    awaitRelease("tool-" + name);
    if (failingTools.test(name)) {
      throw ApplicationFailure.newNonRetryableFailure(name + " broke", "ToolBroke");
    }
    return new ToolStepResult("result-" + request.step() + "-" + request.call().index(), false);
  }

  @Override
  public ToolStepResult refuseTool(ToolStepRequest request, String reason) {
    record("refuseTool " + kind() + " " + request.call().name() + ": " + reason);
    return new ToolStepResult("refused-" + request.step() + "-" + request.call().index(), true);
  }
}
