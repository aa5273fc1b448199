package dev.agentruntime.core.spec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AgentReferencesTest {

  private static AgentSpec spec(String... tools) throws Exception {
    return AgentSpecJson.read(
        "{\"model\":{\"provider\":\"demo\"},\"instructions\":\"x\",\"tools\":["
            + String.join(",", tools)
            + "]}");
  }

  @Test
  void referencesNameEachAgentEntryWithItsPathAndVersion() throws Exception {
    AgentSpec spec =
        spec(
            "{\"name\":\"w\",\"kind\":\"write_artifact\"}",
            "{\"name\":\"research\",\"kind\":\"agent\",\"agent\":\"researcher\",\"version\":2}");

    assertThat(spec.agentReferences())
        .containsExactly(new AgentReference("tools[1].agent", "researcher", 2));
    assertThat(spec.agentReferences().get(0).versionPath()).isEqualTo("tools[1].version");
  }

  @Test
  void anEntryTheValidatorRefusesForAMissingAgentOrVersionIsNoReference() throws Exception {
    AgentSpec spec =
        spec(
            "{\"name\":\"a\",\"kind\":\"agent\",\"agent\":\"researcher\"}",
            "{\"name\":\"b\",\"kind\":\"agent\",\"version\":1}");

    assertThat(AgentSpecValidator.validate(spec))
        .extracting(SpecViolation::field)
        .contains("tools[0].version", "tools[1].agent");
    assertThat(spec.agentReferences()).isEmpty();
  }
}
