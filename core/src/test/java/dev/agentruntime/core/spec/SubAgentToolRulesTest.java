package dev.agentruntime.core.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SubAgentToolRulesTest {

  private static final String RESEARCH =
      "{\"name\":\"research\",\"kind\":\"agent\",\"agent\":\"researcher\",\"version\":3,"
          + "\"description\":\"Researches one topic\","
          + "\"inputSchema\":{\"type\":\"object\",\"properties\":{\"topic\":{\"type\":\"string\"}}}}";

  private static AgentSpec spec(String... tools) throws Exception {
    return AgentSpecJson.read(
        "{\"model\":{\"provider\":\"demo\"},\"instructions\":\"x\",\"tools\":["
            + String.join(",", tools)
            + "]}");
  }

  private static List<String> fieldsOf(String... tools) throws Exception {
    return AgentSpecValidator.validate(spec(tools)).stream().map(SpecViolation::field).toList();
  }

  @Test
  void theDocumentedEntryIsValidAndNamesItsAgentForThePublishCheck() throws Exception {
    assertThat(fieldsOf(RESEARCH)).isEmpty();
    AgentSpec spec = spec("{\"name\":\"save\",\"kind\":\"write_artifact\"}", RESEARCH);
    assertThat(spec.tool("research").kind()).isEqualTo(ToolKind.AGENT);
    assertThat(ToolKind.AGENT.reachesNetwork()).isFalse();
    assertThat(spec.agentReferences())
        .containsExactly(new AgentReference("tools[1].agent", "researcher", 3));
  }

  @Test
  void anAgentToolNeedsAnAgentNameAndAPinnedVersion() throws Exception {
    assertThat(fieldsOf("{\"name\":\"r\",\"kind\":\"agent\"}"))
        .containsExactly("tools[0].agent", "tools[0].version");
    assertThat(
            fieldsOf("{\"name\":\"r\",\"kind\":\"agent\",\"agent\":\"Researcher\",\"version\":0}"))
        .containsExactly("tools[0].agent", "tools[0].version");
    assertThat(
            fieldsOf(
                "{\"name\":\"r\",\"kind\":\"agent\",\"agent\":\"r\",\"version\":1,"
                    + "\"inputSchema\":[1]}"))
        .containsExactly("tools[0].inputSchema");
  }

  @Test
  void networkAndMcpFieldsAreRefusedOnAnAgentToolAndAgentFieldsElsewhere() throws Exception {
    assertThat(
            fieldsOf(
                "{\"name\":\"r\",\"kind\":\"agent\",\"agent\":\"r\",\"version\":1,"
                    + "\"egressAllowlist\":[\"example.com\"],\"url\":\"https://example.com\"}"))
        .containsExactly("tools[0].url", "tools[0].egressAllowlist");
    assertThat(
            fieldsOf(
                "{\"name\":\"s\",\"kind\":\"write_artifact\",\"agent\":\"r\",\"version\":1,"
                    + "\"inputSchema\":{}}"))
        .containsExactly("tools[0].agent", "tools[0].version", "tools[0].inputSchema");
  }

  @Test
  void treeLimitsHaveTheirRanges() throws Exception {
    AgentSpec tooDeep =
        AgentSpecJson.read(
            "{\"model\":{\"provider\":\"demo\"},\"instructions\":\"x\","
                + "\"limits\":{\"maxDepth\":6,\"maxChildren\":101}}");
    assertThat(AgentSpecValidator.validate(tooDeep))
        .extracting(SpecViolation::field)
        .containsExactly("limits.maxDepth", "limits.maxChildren");
    LimitsSpec defaults = new LimitsSpec(null, null, null);
    assertThat(defaults.maxDepthOrDefault()).isEqualTo(3);
    assertThat(defaults.maxChildrenOrDefault()).isEqualTo(10);
    // A child's limits are what its parent reserved, never more than its own spec's.
    LimitsSpec child = new LimitsSpec(8, 5_000, 60, 2, null).within(5, 9_000, 1);
    assertThat(child).isEqualTo(new LimitsSpec(5, 5_000, 60, 1, null));
  }

  @Test
  void specsWithoutTreeLimitsKeepTheirCanonicalJsonAndHash() throws Exception {
    AgentSpec spec =
        AgentSpecJson.read(
            "{\"model\":{\"provider\":\"demo\"},\"instructions\":\"x\","
                + "\"limits\":{\"maxSteps\":4}}");
    assertThat(AgentSpecJson.write(spec)).contains("\"limits\":{\"maxSteps\":4}");
  }
}
