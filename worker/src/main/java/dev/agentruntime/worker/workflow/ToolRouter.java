package dev.agentruntime.worker.workflow;

import dev.agentruntime.core.activity.RunPlan;
import dev.agentruntime.core.activity.ToolActivities;
import dev.agentruntime.core.activity.ToolStepRequest;
import dev.agentruntime.core.activity.ToolStepResult;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.EnumMap;
import java.util.Map;

/**
 * Where each tool call of a run runs, chosen in one place. A new kind of tool execution (a child
 * workflow, for a tool that is itself an agent) is one more {@link Route}, one runner for it, and
 * the rule in {@link #route} that picks it. Workflow code: deterministic.
 */
final class ToolRouter {

  /** How a call runs. */
  enum Route {
    /**
     * Inside the kernel (write_artifact): a local activity from version 1, scheduled before. Also
     * where refusals (denied, expired) are answered.
     */
    INLINE,
    /** Reaches the network (http_request, mcp): a scheduled activity that heartbeats. */
    SCHEDULED,
    /**
     * A tool of kind agent: a child run (admitted, run as a child workflow, answered), from {@link
     * RunBehaviour#childRuns}. Its activities are retried after a kernel outage each on its own,
     * never the whole call: the child must not be started twice.
     */
    CHILD_RUN
  }

  /** Runs one tool call to its result; may block the calling workflow thread. */
  interface Runner {
    ToolStepResult call(ToolStepRequest request);
  }

  private final RunBehaviour behaviour;
  private final RunPlan plan;
  private final ToolActivities inline;
  private final Map<Route, Runner> runners = new EnumMap<>(Route.class);

  ToolRouter(RunBehaviour behaviour, RunPlan plan, ChildRuns children) {
    this.behaviour = behaviour;
    this.plan = plan;
    inline =
        behaviour.localBookkeeping()
            ? Workflow.newLocalActivityStub(
                ToolActivities.class, RunActivityOptions.localSteps(plan.retry()))
            : Workflow.newActivityStub(
                ToolActivities.class, RunActivityOptions.steps(plan.retry()));
    runners.put(Route.INLINE, inline::callTool);
    runners.put(
        Route.SCHEDULED,
        Workflow.newActivityStub(
                ToolActivities.class, RunActivityOptions.networkSteps(plan.retry()))
            ::callTool);
    if (children != null) {
      runners.put(Route.CHILD_RUN, children::call);
    }
  }

  /** The route of a call of the tool named {@code name}. */
  Route route(String name) {
    if (runners.containsKey(Route.CHILD_RUN) && plan.childRun(name)) {
      return Route.CHILD_RUN;
    }
    return behaviour.scheduledNetworkTools() && plan.scheduled(name)
        ? Route.SCHEDULED
        : Route.INLINE;
  }

  /** Starts the call on its route, again after a kernel outage when the run's behaviour says so. */
  Promise<ToolStepResult> start(ToolStepRequest request) {
    Route route = route(request.call().name());
    Runner runner = runners.get(route);
    if (route == Route.CHILD_RUN) {
      return Async.function(() -> runner.call(request));
    }
    return Async.function(() -> behaviour.attempt(() -> runner.call(request)));
  }

  /** Answers a call without running it: the model reads {@code reason} as its result. */
  Promise<ToolStepResult> refuse(ToolStepRequest request, String reason) {
    return Async.function(() -> inline.refuseTool(request, reason));
  }
}
