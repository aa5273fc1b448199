package dev.agentruntime.core.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineRulesTest {

  /** A pipeline spec around {@code steps} (the JSON of the steps array) and {@code output}. */
  static String pipeline(String steps, String output) {
    return "{\"runtime\":{\"type\":\"pipeline\"},\"pipeline\":{\"steps\":"
        + steps
        + (output == null ? "" : ",\"output\":" + output)
        + "}}";
  }

  static String step(String name, String input) {
    return "{\"name\":\""
        + name
        + "\",\"agent\":\"worker-agent\",\"version\":1"
        + (input == null ? "" : ",\"input\":" + input)
        + "}";
  }

  private static List<SpecViolation> violations(String json) throws Exception {
    return AgentSpecValidator.validate(AgentSpecJson.read(json));
  }

  private static List<String> fieldsOf(String json) throws Exception {
    return violations(json).stream().map(SpecViolation::field).toList();
  }

  /** The first JSON block of the Pipelines section of docs/agent-spec.md. */
  static String documentedExample() throws Exception {
    String page = Files.readString(Path.of("../docs/agent-spec.md"));
    String section = page.substring(page.indexOf("\n## Pipelines\n"));
    int start = section.indexOf("```json\n") + "```json\n".length();
    return section.substring(start, section.indexOf("```", start));
  }

  @Test
  void theDocumentedExampleIsValidAndNamesItsAgentsInOrder() throws Exception {
    AgentSpec spec = AgentSpecJson.read(documentedExample());

    assertThat(AgentSpecValidator.validate(spec)).isEmpty();
    assertThat(spec.agentReferences())
        .containsExactly(
            new AgentReference("pipeline.steps[0].agent", "researcher", 3),
            new AgentReference("pipeline.steps[1].parallel[0].agent", "writer", 7),
            new AgentReference("pipeline.steps[1].parallel[1].agent", "fact-checker", 2),
            new AgentReference("pipeline.steps[2].agent", "editor", 1));
    assertThat(spec.agentReferences().get(1).versionPath())
        .isEqualTo("pipeline.steps[1].parallel[0].version");
  }

  @Test
  void aStepWithoutInputTakesThePipelineInputAndTheOutputMayReadAnyStep() throws Exception {
    assertThat(
            violations(
                pipeline(
                    "[" + step("a", null) + "," + step("b", null) + "]",
                    "{\"first\":{\"$ref\":\"/steps/a/output\"},\"second\":{\"$ref\":\"/steps/b\"}}")))
        .isEmpty();
  }

  @Test
  void aPipelineHasNoModelInstructionsOrToolsAndOtherRuntimesNoPipeline() throws Exception {
    String steps = "[" + step("a", null) + "]";
    assertThat(
            fieldsOf(
                "{\"runtime\":{\"type\":\"pipeline\"},\"model\":{\"provider\":\"demo\"},"
                    + "\"instructions\":\"x\",\"tools\":[{\"name\":\"t\",\"kind\":\"write_artifact\"}],"
                    + "\"pipeline\":{\"steps\":"
                    + steps
                    + ",\"output\":{}}}"))
        .containsExactlyInAnyOrder("model", "instructions", "tools");
    assertThat(fieldsOf("{\"runtime\":{\"type\":\"pipeline\"}}")).containsExactly("pipeline");
    assertThat(
            fieldsOf(
                "{\"runtime\":{\"type\":\"pipeline\",\"endpoint\":\"http://agent\"},"
                    + "\"pipeline\":{\"steps\":"
                    + steps
                    + ",\"output\":{}}}"))
        .containsExactly("runtime.endpoint");
    assertThat(
            fieldsOf(
                "{\"model\":{\"provider\":\"demo\"},\"instructions\":\"x\",\"pipeline\":{\"steps\":"
                    + steps
                    + ",\"output\":{}}}"))
        .containsExactly("pipeline");
  }

  @Test
  void aPipelineNeedsStepsAndAnOutput() throws Exception {
    assertThat(fieldsOf(pipeline("[]", null)))
        .containsExactlyInAnyOrder("pipeline.steps", "pipeline.output");
    assertThat(fieldsOf(pipeline("[null]", "{}"))).containsExactly("pipeline.steps[0]");
  }

  @Test
  void atMostThirtyTwoStepsCountingGroupMembers() throws Exception {
    StringBuilder steps = new StringBuilder("[");
    for (int i = 0; i < 31; i++) {
      steps.append(step("s" + i, null)).append(',');
    }
    String group = "{\"parallel\":[" + step("p1", null) + "," + step("p2", null) + "]}";

    assertThat(fieldsOf(pipeline(steps + step("s31", null) + "]", "{}"))).isEmpty();
    assertThat(fieldsOf(pipeline(steps + group + "]", "{}"))).containsExactly("pipeline.steps");
  }

  @Test
  void eachStepIsNamedUniquelyAndPinsAnAgentVersion() throws Exception {
    assertThat(
            fieldsOf(
                pipeline(
                    "[{\"name\":\"1st\",\"agent\":\"Writer\",\"version\":0},"
                        + "{\"name\":\"b\"},"
                        + step("c", null)
                        + ",{\"parallel\":["
                        + step("c", null)
                        + ","
                        + step("d", null)
                        + "]}]",
                    "{}")))
        .containsExactlyInAnyOrder(
            "pipeline.steps[0].name",
            "pipeline.steps[0].agent",
            "pipeline.steps[0].version",
            "pipeline.steps[1].agent",
            "pipeline.steps[1].version",
            "pipeline.steps[3].parallel[0].name");
  }

  @Test
  void aParallelGroupHoldsTwoOrMoreSingleStepsAndNothingElse() throws Exception {
    assertThat(
            fieldsOf(
                pipeline(
                    "[{\"name\":\"g\",\"agent\":\"x\",\"version\":1,\"input\":{},"
                        + "\"onFailure\":{\"action\":\"continue\"},\"parallel\":["
                        + step("a", null)
                        + ",{\"parallel\":["
                        + step("b", null)
                        + ","
                        + step("c", null)
                        + "]}]},"
                        + "{\"parallel\":["
                        + step("d", null)
                        + "]}]",
                    "{}")))
        .containsExactlyInAnyOrder(
            "pipeline.steps[0].name",
            "pipeline.steps[0].agent",
            "pipeline.steps[0].version",
            "pipeline.steps[0].input",
            "pipeline.steps[0].onFailure",
            "pipeline.steps[0].parallel[1].parallel",
            "pipeline.steps[1].parallel");
  }

  @Test
  void nullMeansAbsentOnAGroupAndForAStepsInput() throws Exception {
    AgentSpec spec =
        AgentSpecJson.read(
            pipeline(
                "[{\"name\":null,\"input\":null,\"parallel\":["
                    + step("a", "null")
                    + ","
                    + step("b", null)
                    + "]}]",
                "{\"$ref\":\"/steps/a\"}"));

    assertThat(AgentSpecValidator.validate(spec)).isEmpty();
    assertThat(spec.pipeline().steps().get(0).parallel().get(0).input()).isNull();
    assertThat(fieldsOf(pipeline("[" + step("a", null) + "]", "null")))
        .containsExactly("pipeline.output");
  }

  @Test
  void onFailureNamesAnActionAndRetriesTwoToTenTimes() throws Exception {
    String steps =
        "[{\"name\":\"a\",\"agent\":\"x\",\"version\":1,\"onFailure\":{}},"
            + "{\"name\":\"b\",\"agent\":\"x\",\"version\":1,"
            + "\"onFailure\":{\"action\":\"continue\",\"maxAttempts\":3}},"
            + "{\"name\":\"c\",\"agent\":\"x\",\"version\":1,"
            + "\"onFailure\":{\"action\":\"retry\",\"maxAttempts\":11}},"
            + "{\"name\":\"d\",\"agent\":\"x\",\"version\":1,"
            + "\"onFailure\":{\"action\":\"retry\",\"maxAttempts\":1}},"
            + "{\"name\":\"e\",\"agent\":\"x\",\"version\":1,"
            + "\"onFailure\":{\"action\":\"retry\",\"maxAttempts\":10}},"
            + "{\"name\":\"f\",\"agent\":\"x\",\"version\":1,\"onFailure\":{\"action\":\"retry\"}}]";

    assertThat(fieldsOf(pipeline(steps, "{}")))
        .containsExactlyInAnyOrder(
            "pipeline.steps[0].onFailure.action",
            "pipeline.steps[1].onFailure.maxAttempts",
            "pipeline.steps[2].onFailure.maxAttempts",
            "pipeline.steps[3].onFailure.maxAttempts");
    PipelineSpec read = AgentSpecJson.read(pipeline(steps, "{}")).pipeline();
    assertThat(read.steps().get(5).onFailureOrDefault().attempts())
        .isEqualTo(StepFailurePolicy.DEFAULT_MAX_ATTEMPTS);
    assertThat(read.steps().get(4).onFailureOrDefault().attempts()).isEqualTo(10);
    assertThat(read.steps().get(1).onFailureOrDefault().attempts()).isEqualTo(1);
  }

  @Test
  void aReferenceToALaterStepNamesItsPath() throws Exception {
    List<SpecViolation> found =
        violations(
            pipeline(
                "["
                    + step("research", null)
                    + ","
                    + step("draft", null)
                    + ","
                    + step("edit", "{\"topic\":{\"$ref\":\"/steps/publish/output\"}}")
                    + ","
                    + step("publish", null)
                    + "]",
                "{}"));

    assertThat(found).hasSize(1);
    assertThat(found.get(0).field()).isEqualTo("pipeline.steps[2].input.topic");
    assertThat(found.get(0).message()).contains("/steps/publish/output", "runs later");
  }

  @Test
  void aStepReadsNeitherItselfNorAnUnknownStepNorItsGroup() throws Exception {
    List<SpecViolation> found =
        violations(
            pipeline(
                "["
                    + step("a", "{\"self\":{\"$ref\":\"/steps/a/output\"}}")
                    + ","
                    + step("b", "{\"x\":[1,{\"$ref\":\"/steps/nobody/output\"}]}")
                    + ",{\"parallel\":["
                    + step("c", "{\"ok\":{\"$ref\":\"/steps/b/output\"}}")
                    + ","
                    + step("d", "{\"sibling\":{\"$ref\":\"/steps/c/output\"}}")
                    + "]}]",
                "{\"all\":{\"$ref\":\"/steps/d/output\"}}"));

    assertThat(found)
        .extracting(SpecViolation::field)
        .containsExactlyInAnyOrder(
            "pipeline.steps[0].input.self",
            "pipeline.steps[1].input.x[1]",
            "pipeline.steps[2].parallel[1].input.sibling");
    assertThat(found)
        .extracting(SpecViolation::message)
        .anySatisfy(m -> assertThat(m).contains("itself"))
        .anySatisfy(m -> assertThat(m).contains("names no step", "nobody"))
        .anySatisfy(m -> assertThat(m).contains("in parallel", "same group"));
  }

  @Test
  void pointersAreRfc6901AndReadOnlyTheInputOrAStepsEntry() throws Exception {
    String[] bad = {
      "\"input/topic\"", // no leading slash
      "\"\"", // the whole document
      "\"/input/a~2b\"", // ~ escapes only 0 and 1
      "\"/input/a~\"",
      "7", // not a string
      "\"/env/HOME\"", // neither input nor steps
      "\"/steps\"", // no step named
      "\"/steps/a/transcript\"" // a step's entry has output, status and error
    };
    for (String pointer : bad) {
      assertThat(
              fieldsOf(
                  pipeline(
                      "["
                          + step("a", null)
                          + ","
                          + step("b", "{\"v\":{\"$ref\":" + pointer + "}}")
                          + "]",
                      "{}")))
          .as(pointer)
          .containsExactly("pipeline.steps[1].input.v");
    }
    for (String pointer :
        new String[] {"\"/input/a~0b~1c\"", "\"/steps/a/status\"", "\"/steps/a/error\""}) {
      assertThat(
              fieldsOf(
                  pipeline(
                      "["
                          + step("a", null)
                          + ","
                          + step("b", "{\"v\":{\"$ref\":" + pointer + "}}")
                          + "]",
                      "{}")))
          .as(pointer)
          .isEmpty();
    }
  }

  @Test
  void aRefObjectHasNoOtherFieldUnlessWrappedInLiteral() throws Exception {
    String schema = "{\"$ref\":\"#/defs/x\",\"type\":\"object\"}";

    assertThat(fieldsOf(pipeline("[" + step("a", "{\"schema\":" + schema + "}") + "]", "{}")))
        .containsExactly("pipeline.steps[0].input.schema");
    assertThat(
            fieldsOf(
                pipeline(
                    "[" + step("a", "{\"schema\":{\"$literal\":" + schema + "}}") + "]", "{}")))
        .isEmpty();
  }

  @Test
  void aStepInputBuildsAnObject() throws Exception {
    assertThat(
            fieldsOf(
                pipeline(
                    "["
                        + step("a", "\"text\"")
                        + ","
                        + step("b", "[1]")
                        + ","
                        + step("c", "{\"$literal\":3}")
                        + ","
                        + step("d", "{\"$ref\":\"/input/nested\"}")
                        + ","
                        + step("e", "{\"$literal\":{\"$ref\":\"kept\"}}")
                        + "]",
                    "\"a string is a fine output\"")))
        .containsExactlyInAnyOrder(
            "pipeline.steps[0].input", "pipeline.steps[1].input", "pipeline.steps[2].input");
  }

  @Test
  void theOutputMayNotReadAnUnknownStep() throws Exception {
    assertThat(
            fieldsOf(
                pipeline("[" + step("a", null) + "]", "{\"r\":[{\"$ref\":\"/steps/b/output\"}]}")))
        .containsExactly("pipeline.output.r[0]");
  }

  @Test
  void aStepMayNameAnAliasInsteadOfAVersionButNotBothAndNotOnAGroup() throws Exception {
    String byAlias =
        pipeline(
            "[{\"name\":\"one\",\"agent\":\"researcher\",\"alias\":\"prod\"},"
                + "{\"parallel\":[{\"name\":\"two\",\"agent\":\"writer\",\"alias\":\"canary\"},"
                + "{\"name\":\"three\",\"agent\":\"writer\",\"version\":2}]}]",
            "{\"$ref\":\"/steps/one/output\"}");
    AgentSpec spec = AgentSpecJson.read(byAlias);

    assertThat(AgentSpecValidator.validate(spec)).isEmpty();
    assertThat(spec.agentReferences())
        .containsExactly(
            new AgentReference("pipeline.steps[0].agent", "researcher", null, "prod"),
            new AgentReference("pipeline.steps[1].parallel[0].agent", "writer", null, "canary"),
            new AgentReference("pipeline.steps[1].parallel[1].agent", "writer", 2));
    assertThat(spec.agentReferences().get(1).aliasPath())
        .isEqualTo("pipeline.steps[1].parallel[0].alias");

    assertThat(
            fieldsOf(
                pipeline(
                    "[{\"name\":\"a\",\"agent\":\"x\",\"version\":1,\"alias\":\"prod\"},"
                        + "{\"name\":\"b\",\"agent\":\"x\",\"alias\":\"latest\"},"
                        + "{\"name\":\"c\",\"agent\":\"x\"},"
                        + "{\"alias\":\"prod\",\"parallel\":["
                        + step("d", null)
                        + ","
                        + step("e", null)
                        + "]}]",
                    "{}")))
        .containsExactly(
            "pipeline.steps[0].alias",
            "pipeline.steps[1].alias",
            "pipeline.steps[2].version",
            "pipeline.steps[3].alias");
  }

  @Test
  void aPipelineWithPinnedVersionsKeepsTheHashItHadBeforeAliases() throws Exception {
    AgentSpec spec =
        AgentSpecJson.read(
            pipeline(
                "[{\"name\":\"one\",\"agent\":\"researcher\",\"version\":3},"
                    + "{\"parallel\":[{\"name\":\"two\",\"agent\":\"writer\",\"version\":1},"
                    + "{\"name\":\"three\",\"agent\":\"writer\",\"version\":2}]}]",
                "{\"$ref\":\"/steps/one/output\"}"));

    // Computed by the code before steps had an alias field: stored versions keep their hashes.
    assertThat(AgentSpecJson.contentHash(spec))
        .isEqualTo("ee536345538150c32083eef645581239da2a74b52132400b831fdc18a6b60c5b");
    assertThat(AgentSpecJson.write(spec)).doesNotContain("alias");
  }
}
