package dev.agentruntime.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineInputsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  private static PipelineStep step(String name, String input) throws Exception {
    return PipelineStep.of(name, "some-agent", 1, input == null ? null : json(input), null);
  }

  @Test
  void referencesKeepTheJsonTypeOfWhatTheySelect() throws Exception {
    JsonNode input =
        json(
            "{\"n\":42,\"f\":0.5,\"b\":false,\"nothing\":null,\"list\":[1,\"two\"],"
                + "\"obj\":{\"k\":\"v\"},\"s\":\"text\"}");
    PipelineStep step =
        step(
            "a",
            "{\"n\":{\"$ref\":\"/input/n\"},\"f\":{\"$ref\":\"/input/f\"},"
                + "\"b\":{\"$ref\":\"/input/b\"},\"nothing\":{\"$ref\":\"/input/nothing\"},"
                + "\"list\":{\"$ref\":\"/input/list\"},\"second\":{\"$ref\":\"/input/list/1\"},"
                + "\"obj\":{\"$ref\":\"/input/obj\"},\"s\":{\"$ref\":\"/input/s\"},"
                + "\"fixed\":[\"as written\",7]}");

    JsonNode built = PipelineInputs.stepInput(step, input, Map.of());

    assertThat(built)
        .isEqualTo(
            json(
                "{\"n\":42,\"f\":0.5,\"b\":false,\"nothing\":null,\"list\":[1,\"two\"],"
                    + "\"second\":\"two\",\"obj\":{\"k\":\"v\"},\"s\":\"text\","
                    + "\"fixed\":[\"as written\",7]}"));
    assertThat(built.get("n").isIntegralNumber()).isTrue();
    assertThat(built.get("nothing").isNull()).isTrue();
  }

  @Test
  void escapedPointerTokensSelectNamesWithSlashAndTilde() throws Exception {
    JsonNode input = json("{\"a/b\":1,\"c~d\":2,\"~1\":3,\"\":{\"e\":4}}");
    PipelineStep step =
        step(
            "a",
            "{\"slash\":{\"$ref\":\"/input/a~1b\"},\"tilde\":{\"$ref\":\"/input/c~0d\"},"
                + "\"both\":{\"$ref\":\"/input/~01\"},\"empty\":{\"$ref\":\"/input//e\"}}");

    assertThat(PipelineInputs.stepInput(step, input, Map.of()))
        .isEqualTo(json("{\"slash\":1,\"tilde\":2,\"both\":3,\"empty\":4}"));
  }

  @Test
  void stepsAreReadByStatusOutputAndError() throws Exception {
    Map<String, PipelineStepResult> results = new LinkedHashMap<>();
    results.put("research", PipelineStepResult.succeeded(json("{\"summary\":\"s\",\"n\":3}")));
    results.put("check", PipelineStepResult.failed("child run failed: timed out"));
    PipelineStep edit =
        step(
            "edit",
            "{\"summary\":{\"$ref\":\"/steps/research/output/summary\"},"
                + "\"n\":{\"$ref\":\"/steps/research/output/n\"},"
                + "\"checkStatus\":{\"$ref\":\"/steps/check/status\"},"
                + "\"check\":{\"$ref\":\"/steps/check\"}}");

    assertThat(PipelineInputs.stepInput(edit, json("{}"), results))
        .isEqualTo(
            json(
                "{\"summary\":\"s\",\"n\":3,\"checkStatus\":\"failed\","
                    + "\"check\":{\"status\":\"failed\",\"error\":\"child run failed: timed out\"}}"));
  }

  @Test
  void aStepWithoutInputGetsThePipelineInput() throws Exception {
    JsonNode input = json("{\"message\":\"hi\",\"n\":1}");

    assertThat(PipelineInputs.stepInput(step("a", null), input, Map.of())).isEqualTo(input);
  }

  @Test
  void aLiteralIsPassedOnUnevaluated() throws Exception {
    PipelineStep step =
        step("a", "{\"schema\":{\"$literal\":{\"$ref\":\"/input/x\",\"type\":\"object\"}}}");

    assertThat(PipelineInputs.stepInput(step, json("{\"x\":1}"), Map.of()))
        .isEqualTo(json("{\"schema\":{\"$ref\":\"/input/x\",\"type\":\"object\"}}"));
  }

  @Test
  void aPointerThatSelectsNothingNamesTheStepThePathAndThePointer() throws Exception {
    Map<String, PipelineStepResult> results =
        Map.of(
            "research", PipelineStepResult.succeeded(json("{\"summary\":\"s\"}")),
            "check", PipelineStepResult.failed("boom"));

    assertThatThrownBy(
            () ->
                PipelineInputs.stepInput(
                    step("edit", "{\"topic\":[{\"$ref\":\"/steps/research/output/title\"}]}"),
                    json("{}"),
                    results))
        .isInstanceOf(PipelineInputException.class)
        .hasMessage(
            "step edit: input.topic[0] {\"$ref\": \"/steps/research/output/title\"} selects nothing")
        .satisfies(
            e -> {
              PipelineInputException p = (PipelineInputException) e;
              assertThat(p.step()).isEqualTo("edit");
              assertThat(p.path()).isEqualTo("input.topic[0]");
              assertThat(p.pointer()).isEqualTo("/steps/research/output/title");
            });
    // A failed step the pipeline continued past has no output.
    assertThatThrownBy(
            () ->
                PipelineInputs.stepInput(
                    step("edit", "{\"c\":{\"$ref\":\"/steps/check/output\"}}"),
                    json("{}"),
                    results))
        .hasMessageContaining("step edit: input.c")
        .hasMessageContaining("/steps/check/output");
    // An index past the end, and a leading zero, select nothing either (RFC 6901).
    for (String pointer : new String[] {"/input/list/2", "/input/list/01", "/input/list/-"}) {
      assertThatThrownBy(
              () ->
                  PipelineInputs.stepInput(
                      step("a", "{\"v\":{\"$ref\":\"" + pointer + "\"}}"),
                      json("{\"list\":[0,1]}"),
                      Map.of()))
          .as(pointer)
          .isInstanceOf(PipelineInputException.class)
          .hasMessageContaining(pointer);
    }
  }

  @Test
  void aStepInputThatIsNoObjectIsRefusedAtRunTime() throws Exception {
    assertThatThrownBy(
            () ->
                PipelineInputs.stepInput(
                    step("a", "{\"$ref\":\"/input/list\"}"), json("{\"list\":[1]}"), Map.of()))
        .isInstanceOf(PipelineInputException.class)
        .hasMessage(
            "step a: input {\"$ref\": \"/input/list\"} builds a JSON array, but a run's input is a"
                + " JSON object");
  }

  @Test
  void theOutputIsBuiltFromEveryStepAndMayBeAnyValue() throws Exception {
    Map<String, PipelineStepResult> results =
        Map.of(
            "edit", PipelineStepResult.succeeded(json("\"the article\"")),
            "count", PipelineStepResult.succeeded(json("12")),
            "silent", PipelineStepResult.succeeded(null));
    PipelineSpec spec =
        new PipelineSpec(
            null,
            json(
                "{\"article\":{\"$ref\":\"/steps/edit/output\"},"
                    + "\"words\":{\"$ref\":\"/steps/count/output\"},"
                    + "\"silent\":{\"$ref\":\"/steps/silent/output\"},"
                    + "\"topic\":{\"$ref\":\"/input/topic\"}}"));

    assertThat(PipelineInputs.output(spec, json("{\"topic\":\"t\"}"), results))
        .isEqualTo(
            json("{\"article\":\"the article\",\"words\":12,\"silent\":null,\"topic\":\"t\"}"));
    assertThat(
            PipelineInputs.output(
                new PipelineSpec(null, json("{\"$ref\":\"/steps/count/output\"}")),
                json("{}"),
                results))
        .isEqualTo(json("12"));
    assertThatThrownBy(
            () ->
                PipelineInputs.output(
                    new PipelineSpec(null, json("{\"x\":{\"$ref\":\"/steps/gone/output\"}}")),
                    json("{}"),
                    results))
        .hasMessage(
            "the pipeline's output: output.x {\"$ref\": \"/steps/gone/output\"} selects nothing");
  }

  @Test
  void buildingNeverChangesTheTemplateOrTheResults() throws Exception {
    JsonNode template = json("{\"o\":{\"$ref\":\"/steps/a/output\"}}");
    JsonNode output = json("{\"k\":[1]}");
    PipelineStep step = PipelineStep.of("b", "x", 1, template, null);

    JsonNode built =
        PipelineInputs.stepInput(
            step, json("{}"), Map.of("a", PipelineStepResult.succeeded(output)));
    ((com.fasterxml.jackson.databind.node.ArrayNode) built.get("o").get("k")).add(2);

    assertThat(output).isEqualTo(json("{\"k\":[1]}"));
    assertThat(template).isEqualTo(json("{\"o\":{\"$ref\":\"/steps/a/output\"}}"));
  }
}
