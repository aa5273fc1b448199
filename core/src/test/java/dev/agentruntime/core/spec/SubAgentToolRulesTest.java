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

  private static final String BY_ALIAS =
      "{\"name\":\"research\",\"kind\":\"agent\",\"agent\":\"researcher\",\"alias\":\"prod\"}";

  @Test
  void anAgentToolMayNameAnAliasInsteadOfAVersionAndTheReferenceCarriesIt() throws Exception {
    assertThat(fieldsOf(BY_ALIAS)).isEmpty();
    AgentSpec spec = spec("{\"name\":\"save\",\"kind\":\"write_artifact\"}", BY_ALIAS);

    AgentReference ref = spec.agentReferences().get(0);

    assertThat(ref).isEqualTo(new AgentReference("tools[1].agent", "researcher", null, "prod"));
    assertThat(ref.aliasPath()).isEqualTo("tools[1].alias");
    assertThat(spec.tool("research"))
        .isEqualTo(ToolSpec.agentByAlias("research", null, "researcher", "prod", null));
  }

  @Test
  void exactlyOneOfVersionAndAliasAndTheAliasFollowsTheAliasNameRule() throws Exception {
    List<SpecViolation> both =
        AgentSpecValidator.validate(
            spec(
                "{\"name\":\"r\",\"kind\":\"agent\",\"agent\":\"r\",\"version\":1,"
                    + "\"alias\":\"prod\"}"));
    assertThat(both).extracting(SpecViolation::field).containsExactly("tools[0].alias");
    assertThat(both.get(0).message()).contains("not both");

    List<SpecViolation> neither =
        AgentSpecValidator.validate(spec("{\"name\":\"r\",\"kind\":\"agent\",\"agent\":\"r\"}"));
    assertThat(neither).extracting(SpecViolation::field).containsExactly("tools[0].version");
    assertThat(neither.get(0).message()).contains("or alias instead");

    for (String bad : List.of("latest", "Prod", "1st", "", "a".repeat(64), "pr od")) {
      assertThat(
              fieldsOf(
                  "{\"name\":\"r\",\"kind\":\"agent\",\"agent\":\"r\",\"alias\":\"" + bad + "\"}"))
          .as(bad)
          .containsExactly("tools[0].alias");
    }
    assertThat(
            fieldsOf("{\"name\":\"r\",\"kind\":\"agent\",\"agent\":\"r\",\"alias\":\"latest-2\"}"))
        .isEmpty();
    // The rule of an alias's own name (V25's check, AliasService): one pattern for both.
    assertThat(AgentReference.ALIAS_REGEX).isEqualTo("^(?!latest$)[a-z][a-z0-9-]{0,62}$");
  }

  @Test
  void anAliasIsRefusedOnAToolOfAnotherKind() throws Exception {
    assertThat(fieldsOf("{\"name\":\"s\",\"kind\":\"write_artifact\",\"alias\":\"prod\"}"))
        .containsExactly("tools[0].alias");
  }

  @Test
  void aToolOfKindAgentWithAPinnedVersionKeepsTheHashItHadBeforeAliases() throws Exception {
    AgentSpec spec =
        AgentSpecJson.read(
            "{\"model\":{\"provider\":\"demo\"},\"instructions\":\"x\",\"tools\":[{\"name\":"
                + "\"research\",\"kind\":\"agent\",\"agent\":\"researcher\",\"version\":3,"
                + "\"description\":\"Researches one topic\","
                + "\"inputSchema\":{\"type\":\"object\"}}]}");

    // Computed by the code before tools had an alias field: stored versions keep their hashes.
    assertThat(AgentSpecJson.contentHash(spec))
        .isEqualTo("ebb3ecc5a8d36309e935a990d7f4c0e27f5452eb18aa8f0bd07f9e8be30119c9");
    assertThat(AgentSpecJson.write(spec)).doesNotContain("alias");
  }
}
