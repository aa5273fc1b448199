package dev.agentruntime.worker.workflow;

import dev.agentruntime.core.activity.AgentTurnActivities;
import dev.agentruntime.core.activity.ModelActivities;
import dev.agentruntime.core.activity.ModelStepRequest;
import dev.agentruntime.core.activity.ModelStepResult;
import dev.agentruntime.core.activity.RunPlan;
import io.temporal.workflow.Workflow;
import java.util.function.Function;

/**
 * Who takes each step's decision: the spec's model (the built-in loop), or its HTTP agent.
 *
 * @param name how a failed step is described, e.g. "model call of step 3 failed"
 */
record Decider(String name, Function<ModelStepRequest, ModelStepResult> decide) {

  static Decider of(RunBehaviour behaviour, RunPlan plan) {
    if (behaviour.httpAgents() && plan.httpAgent()) {
      AgentTurnActivities agent =
          Workflow.newActivityStub(
              AgentTurnActivities.class, RunActivityOptions.agentTurns(plan.retry()));
      return new Decider("agent turn", agent::takeTurn);
    }
    ModelActivities model =
        Workflow.newActivityStub(
            ModelActivities.class, RunActivityOptions.modelSteps(plan.retry()));
    return new Decider("model call", model::callModel);
  }

  ModelStepResult apply(ModelStepRequest request) {
    return decide.apply(request);
  }
}
