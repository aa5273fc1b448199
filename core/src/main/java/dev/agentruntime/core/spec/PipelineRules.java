package dev.agentruntime.core.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of pipeline specs ({@link RuntimeKind#PIPELINE}), part of {@link AgentSpecValidator}:
 * steps instead of a model, at most {@value #MAX_STEPS} of them, uniquely named, each naming an
 * agent at a pinned version or by an alias (resolved when the step starts), and templates whose
 * references read only the pipeline's input and steps of earlier stages. Since a step can only read
 * what ran before it, the steps of one pipeline can never form a cycle. Whether each named agent
 * and version (or alias) exists is checked by the publisher against the tenant's agents ({@link
 * AgentSpec#agentReferences()}).
 */
public final class PipelineRules {

  /** Steps of one pipeline, members of parallel groups included. */
  public static final int MAX_STEPS = 32;

  /** The pattern of an agent's name, as {@code POST /v1/agents} accepts it. */
  private static final Set<String> STEP_ENTRY_FIELDS = Set.of("output", "status", "error");

  private PipelineRules() {}

  /** Adds the violations of {@code spec}'s pipeline, or of a pipeline where none belongs. */
  static void validate(AgentSpec spec, RuntimeKind runtime, List<SpecViolation> out) {
    if (runtime != RuntimeKind.PIPELINE) {
      if (spec.pipeline() != null) {
        out.add(new SpecViolation("pipeline", "is only allowed with runtime type pipeline"));
      }
      return;
    }
    String byStep =
        "is not used by runtime type pipeline (each step's agent brings its own); omit it";
    if (spec.model() != null) {
      out.add(new SpecViolation("model", byStep));
    }
    if (spec.instructions() != null) {
      out.add(new SpecViolation("instructions", byStep));
    }
    if (!spec.tools().isEmpty()) {
      out.add(new SpecViolation("tools", byStep));
    }
    if (spec.pipeline() == null) {
      out.add(new SpecViolation("pipeline", "is required with runtime type pipeline"));
      return;
    }
    validate(spec.pipeline(), out);
  }

  private static void validate(PipelineSpec pipeline, List<SpecViolation> out) {
    List<PipelineStep> stages = pipeline.steps();
    if (stages == null || stages.isEmpty()) {
      out.add(new SpecViolation("pipeline.steps", "must list at least one step"));
      stages = List.of();
    }
    // Pass 1: the shape of every step, and the stage each name belongs to.
    Map<String, Integer> stageOf = new HashMap<>();
    List<Located> steps = new ArrayList<>();
    for (int i = 0; i < stages.size(); i++) {
      String at = "pipeline.steps[" + i + "]";
      PipelineStep stage = stages.get(i);
      if (stage == null) {
        out.add(new SpecViolation(at, "must not be null"));
      } else if (stage.isParallel()) {
        validateGroup(stage, at, i, steps, out);
      } else {
        validateStep(stage, at, out);
        steps.add(new Located(stage, at, i));
      }
    }
    if (steps.size() > MAX_STEPS) {
      out.add(
          new SpecViolation(
              "pipeline.steps",
              "must declare at most " + MAX_STEPS + " steps (members of parallel groups count)"));
    }
    for (Located step : steps) {
      String name = step.step().name();
      if (name != null && stageOf.putIfAbsent(name, step.stage()) != null) {
        out.add(new SpecViolation(step.path() + ".name", "duplicates another step's name"));
      }
    }
    // Pass 2: what each template reads.
    for (Located step : steps) {
      if (step.step().input() != null) {
        validateInputShape(step.step().input(), step.path() + ".input", out);
        checkReferences(
            step.step().input(), step.path() + ".input", step.stage(), step, stageOf, out);
      }
    }
    if (pipeline.output() == null) {
      out.add(
          new SpecViolation(
              "pipeline.output",
              "is required: a template of the pipeline's output, e.g. {\"$ref\":"
                  + " \"/steps/<last step>/output\"}"));
    } else {
      checkReferences(pipeline.output(), "pipeline.output", stages.size(), null, stageOf, out);
    }
  }

  /** A single step with its path and the index of its stage. */
  private record Located(PipelineStep step, String path, int stage) {}

  private static void validateGroup(
      PipelineStep group, String at, int stage, List<Located> steps, List<SpecViolation> out) {
    onlyOnMembers(group.name(), at + ".name", out);
    onlyOnMembers(group.agent(), at + ".agent", out);
    onlyOnMembers(group.version(), at + ".version", out);
    onlyOnMembers(group.alias(), at + ".alias", out);
    onlyOnMembers(group.input(), at + ".input", out);
    onlyOnMembers(group.onFailure(), at + ".onFailure", out);
    if (group.parallel().size() < 2) {
      out.add(new SpecViolation(at + ".parallel", "must list at least 2 steps"));
    }
    for (int m = 0; m < group.parallel().size(); m++) {
      String memberAt = at + ".parallel[" + m + "]";
      PipelineStep member = group.parallel().get(m);
      if (member == null) {
        out.add(new SpecViolation(memberAt, "must not be null"));
      } else if (member.isParallel()) {
        out.add(
            new SpecViolation(
                memberAt + ".parallel", "groups do not nest: a member is a single step"));
      } else {
        validateStep(member, memberAt, out);
        steps.add(new Located(member, memberAt, stage));
      }
    }
  }

  private static void onlyOnMembers(Object groupField, String at, List<SpecViolation> out) {
    if (groupField != null) {
      out.add(new SpecViolation(at, "is not allowed on a parallel group, only on its members"));
    }
  }

  private static void validateStep(PipelineStep step, String at, List<SpecViolation> out) {
    if (step.name() == null || !AgentSpecValidator.TOOL_NAME.matcher(step.name()).matches()) {
      out.add(
          new SpecViolation(at + ".name", "must match " + AgentSpecValidator.TOOL_NAME.pattern()));
    }
    if (step.agent() == null || !AgentReference.NAME.matcher(step.agent()).matches()) {
      out.add(
          new SpecViolation(
              at + ".agent",
              "must name an agent of the tenant, matching " + AgentReference.NAME_REGEX));
    }
    AgentReference.checkVersionOrAlias(
        step.version(),
        step.alias(),
        at,
        "the agent's version, pinned so the pipeline always runs the same agents; or an alias"
            + " of it, which the step resolves when it starts",
        out);
    StepFailurePolicy onFailure = step.onFailure();
    if (onFailure != null) {
      if (onFailure.action() == null) {
        out.add(
            new SpecViolation(at + ".onFailure.action", "is required: fail, continue or retry"));
      }
      if (onFailure.maxAttempts() != null) {
        if (onFailure.action() != StepFailurePolicy.Action.RETRY) {
          out.add(
              new SpecViolation(at + ".onFailure.maxAttempts", "applies only with action retry"));
        } else if (onFailure.maxAttempts() < StepFailurePolicy.MIN_ATTEMPTS
            || onFailure.maxAttempts() > StepFailurePolicy.MAX_ATTEMPTS) {
          out.add(
              new SpecViolation(
                  at + ".onFailure.maxAttempts",
                  "must be between "
                      + StepFailurePolicy.MIN_ATTEMPTS
                      + " and "
                      + StepFailurePolicy.MAX_ATTEMPTS));
        }
      }
    }
  }

  /** A run's input is a JSON object; a reference may still select something else (run time). */
  private static void validateInputShape(JsonNode input, String at, List<SpecViolation> out) {
    boolean object =
        input.isObject()
            && !(input.size() == 1
                && input.has(PipelineTemplates.LITERAL)
                && !input.get(PipelineTemplates.LITERAL).isObject());
    if (!object) {
      out.add(
          new SpecViolation(
              at, "must build a JSON object (a run's input is one): an object or a {\"$ref\"}"));
    }
  }

  /**
   * Checks the references of a template at {@code at}, read before stage {@code stage} by {@code
   * reader} ({@code null} for the pipeline's output, which reads after every stage).
   */
  private static void checkReferences(
      JsonNode template,
      String at,
      int stage,
      Located reader,
      Map<String, Integer> stageOf,
      List<SpecViolation> out) {
    List<PipelineTemplates.Ref> refs = new ArrayList<>();
    PipelineTemplates.scan(template, at, refs, out);
    for (PipelineTemplates.Ref ref : refs) {
      String problem = scopeProblem(ref.tokens(), stage, reader, stageOf);
      if (problem != null) {
        out.add(new SpecViolation(ref.path(), "$ref " + ref.pointer() + " " + problem));
      }
    }
  }

  private static String scopeProblem(
      List<String> tokens, int stage, Located reader, Map<String, Integer> stageOf) {
    if (tokens.get(0).equals("input")) {
      return null;
    }
    if (!tokens.get(0).equals("steps")) {
      return "must start with /input or /steps/<step name>";
    }
    if (tokens.size() < 2) {
      return "must name a step: /steps/<step name>/output";
    }
    String name = tokens.get(1);
    Integer at = stageOf.get(name);
    if (at == null) {
      return "names no step of this pipeline: " + name;
    }
    if (reader != null && name.equals(reader.step().name())) {
      return "refers to the step itself; a step reads only steps of earlier stages";
    }
    if (at > stage) {
      return "refers to step "
          + name
          + ", which runs later; a step reads only steps of earlier stages";
    }
    if (at == stage) {
      return "refers to step " + name + ", which runs in parallel with it in the same group";
    }
    if (tokens.size() > 2 && !STEP_ENTRY_FIELDS.contains(tokens.get(2))) {
      return "selects " + tokens.get(2) + ", but a step has only output, status and error";
    }
    return null;
  }
}
