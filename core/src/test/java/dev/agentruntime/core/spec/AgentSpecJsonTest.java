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
}
