package dev.agentruntime.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.junit.jupiter.api.Test;

class AgentSpecJsonTest {

  private static final String MINIMAL =
      """
      {"model": {"provider": "demo"}, "instructions": "Be brief.",
       "tools": [{"name": "write_artifact", "kind": "write_artifact"}]}
      """;

  @Test
  void optionalFieldsLeftOutTakeTheirDefaults() throws Exception {
    AgentSpec spec = AgentSpecJson.read(MINIMAL);

    assertThat(spec.tools().get(0).requiresApproval()).isFalse();
    assertThat(spec.tools().get(0).egressAllowlist()).isEmpty();
    assertThat(spec.runtimeOrDefault().type()).isEqualTo(RuntimeKind.BUILTIN);
    assertThat(spec.limitsOrDefault().maxStepsOrDefault()).isEqualTo(LimitsSpec.DEFAULT_MAX_STEPS);
    assertThat(AgentSpecValidator.validate(spec)).isEmpty();
  }

  @Test
  void unknownFieldIsRefusedWithItsName() {
    assertThatThrownBy(() -> AgentSpecJson.read("{\"instructions\": \"x\", \"modle\": {}}"))
        .isInstanceOf(UnrecognizedPropertyException.class)
        .hasMessageContaining("modle");
  }

  @Test
  void contentHashIgnoresKeyOrderAndWhitespaceButNotContent() throws Exception {
    AgentSpec a = AgentSpecJson.read(MINIMAL);
    AgentSpec b =
        AgentSpecJson.read(
            "{\"tools\":[{\"kind\":\"write_artifact\",\"name\":\"write_artifact\"}],"
                + "\"instructions\":\"Be brief.\",\"model\":{\"provider\":\"demo\"}}");
    AgentSpec c = AgentSpecJson.read(MINIMAL.replace("Be brief.", "Be thorough."));

    assertThat(AgentSpecJson.contentHash(a)).isEqualTo(AgentSpecJson.contentHash(b)).hasSize(64);
    assertThat(AgentSpecJson.contentHash(c)).isNotEqualTo(AgentSpecJson.contentHash(a));
  }

  @Test
  void anHttpSpecWritesOnlyItsFieldsAndReadsBackEqual() throws Exception {
    AgentSpec http =
        AgentSpecJson.read(
            "{\"runtime\": {\"type\": \"http\", \"endpoint\": \"http://agent:8000/\","
                + " \"apiKeyRef\": \"env:AGENT_TOKEN\"}}");

    String written = AgentSpecJson.write(http);

    assertThat(written).doesNotContain("\"http\":").contains("\"type\":\"http\"");
    assertThat(AgentSpecJson.read(written)).isEqualTo(http);
  }

  @Test
  void specsWithoutAPipelineKeepTheHashTheyHadBeforePipelinesExisted() throws Exception {
    // Values computed before AgentSpec had a pipeline field: stored versions keep their hashes.
    assertThat(AgentSpecJson.contentHash(AgentSpecJson.read(MINIMAL)))
        .isEqualTo("7706be5fc6e7f632632d3d46ee49ad85007c8f8bec806b46c2e6a8d594406498");
    assertThat(
            AgentSpecJson.contentHash(
                AgentSpecJson.read(
                    "{\"runtime\": {\"type\": \"http\", \"endpoint\": \"http://agent:8000/\","
                        + " \"apiKeyRef\": \"env:AGENT_TOKEN\"}}")))
        .isEqualTo("6b6068fe06daddd6efc1a4aba7e6f4f709d79cfae35425e4ac338dbb6d7c2355");
    assertThat(AgentSpecJson.write(AgentSpecJson.read(MINIMAL))).doesNotContain("pipeline");
  }

  @Test
  void aPipelineSpecReadsBackEqualAndWritesNoDerivedFields() throws Exception {
    AgentSpec pipeline = AgentSpecJson.read(PipelineRulesTest.documentedExample());

    String written = AgentSpecJson.write(pipeline);

    assertThat(AgentSpecJson.read(written)).isEqualTo(pipeline);
    assertThat(written)
        .contains("\"type\":\"pipeline\"", "\"parallel\":[", "\"action\":\"retry\"")
        .doesNotContain("agentReferences", "inputOrDefault", "attempts\"", "onFailureOrDefault");
  }

  @Test
  void aPipelineStepWithAnUnknownFieldIsRefusedWithItsName() {
    assertThatThrownBy(
            () ->
                AgentSpecJson.read(
                    PipelineRulesTest.pipeline(
                        "[{\"name\":\"a\",\"agent\":\"x\",\"version\":1,\"retries\":2}]", "{}")))
        .isInstanceOf(UnrecognizedPropertyException.class)
        .hasMessageContaining("retries");
  }
}
