package dev.agentruntime.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineStageTest {

  @Test
  void thePlanListsTheStagesInOrderWithGroupsAsOneStage() throws Exception {
    AgentSpec spec = AgentSpecJson.read(PipelineRulesTest.documentedExample());

    List<PipelineStage> plan = PipelineStage.plan(spec.pipeline());

    assertThat(plan).extracting(PipelineStage::index).containsExactly(0, 1, 2);
    assertThat(plan).extracting(PipelineStage::parallel).containsExactly(false, true, false);
    assertThat(plan)
        .extracting(stage -> stage.steps().stream().map(PipelineStep::name).toList())
        .containsExactly(List.of("research"), List.of("draft", "check"), List.of("edit"));
    assertThat(plan.get(1).path()).isEqualTo("pipeline.steps[1]");
  }

  @Test
  void theSameSpecAlwaysGivesTheSamePlan() throws Exception {
    String example = PipelineRulesTest.documentedExample();

    assertThat(PipelineStage.plan(AgentSpecJson.read(example).pipeline()))
        .isEqualTo(PipelineStage.plan(AgentSpecJson.read(example).pipeline()));
  }

  @Test
  void aPipelineWithoutStepsHasNoPlan() {
    assertThatThrownBy(() -> PipelineStage.plan(new PipelineSpec(List.of(), null)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
