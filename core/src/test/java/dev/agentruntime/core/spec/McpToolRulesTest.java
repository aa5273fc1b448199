package dev.agentruntime.core.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class McpToolRulesTest {

  private static final String EVERYTHING =
      "{\"name\":\"everything\",\"kind\":\"mcp\",\"url\":\"http://127.0.0.1:3001/mcp\","
          + "\"authRef\":\"env:MCP_TOKEN\",\"allowedTools\":[\"echo\",\"add\"],"
          + "\"egressAllowlist\":[\"http://127.0.0.1:3001\"]}";

  private static List<String> fieldsOf(String... tools) throws Exception {
    String json =
        "{\"model\":{\"provider\":\"demo\"},\"instructions\":\"x\",\"tools\":["
            + String.join(",", tools)
            + "]}";
    return AgentSpecValidator.validate(AgentSpecJson.read(json)).stream()
        .map(SpecViolation::field)
        .toList();
  }

  private static String mcp(String url, String allowedTools, String egress) {
    return "{\"name\":\"srv\",\"kind\":\"mcp\",\"url\":"
        + url
        + ",\"allowedTools\":"
        + allowedTools
        + ",\"egressAllowlist\":"
        + egress
        + "}";
  }

  @Test
  void theDocumentedMcpEntryIsValidAndOffersItsAllowedToolsUnderTheirOwnNames() throws Exception {
    assertThat(fieldsOf(EVERYTHING)).isEmpty();
    AgentSpec spec =
        AgentSpecJson.read(
            "{\"model\":{\"provider\":\"demo\"},\"instructions\":\"x\",\"tools\":["
                + EVERYTHING
                + ",{\"name\":\"save\",\"kind\":\"write_artifact\"}]}");
    assertThat(spec.toolNames()).containsExactly("echo", "add", "save");
    assertThat(spec.tool("add").name()).isEqualTo("everything");
    assertThat(spec.tool("save").kind()).isEqualTo(ToolKind.WRITE_ARTIFACT);
    // The binding's own name is not a tool the model can call.
    assertThat(spec.tool("everything")).isNull();
    assertThat(ToolKind.MCP.reachesNetwork()).isTrue();
  }

  @Test
  void theUrlMustBeAnAbsoluteHttpUrlWithoutUserInfoOrFragment() throws Exception {
    String tools = "[\"echo\"]";
    String egress = "[\"mcp.example.com\"]";
    assertThat(fieldsOf(mcp("null", tools, egress))).containsExactly("tools[0].url");
    assertThat(fieldsOf(mcp("\"ftp://mcp.example.com/mcp\"", tools, egress)))
        .containsExactly("tools[0].url");
    assertThat(fieldsOf(mcp("\"/mcp\"", tools, egress))).containsExactly("tools[0].url");
    assertThat(fieldsOf(mcp("\"https://u:p@mcp.example.com/mcp\"", tools, egress)))
        .containsExactly("tools[0].url");
    assertThat(fieldsOf(mcp("\"https://mcp.example.com/mcp#x\"", tools, egress)))
        .containsExactly("tools[0].url");
    assertThat(fieldsOf(mcp("\"https://mcp.example.com/mcp?v=1\"", tools, egress))).isEmpty();
  }

  @Test
  void theEntrysOwnEgressRulesMustAllowTheUrl() throws Exception {
    String tools = "[\"echo\"]";
    String url = "\"http://127.0.0.1:3001/mcp\"";
    assertThat(fieldsOf(mcp(url, tools, "[]"))).containsExactly("tools[0].egressAllowlist");
    // https only without the http:// prefix; the default port only without a port.
    assertThat(fieldsOf(mcp(url, tools, "[\"127.0.0.1:3001\"]")))
        .containsExactly("tools[0].egressAllowlist");
    assertThat(fieldsOf(mcp(url, tools, "[\"http://127.0.0.1\"]")))
        .containsExactly("tools[0].egressAllowlist");
    assertThat(fieldsOf(mcp(url, tools, "[\"http://127.0.0.2:3001\"]")))
        .containsExactly("tools[0].egressAllowlist");
    assertThat(fieldsOf(mcp(url, tools, "[\"api.example.com\", \"http://127.0.0.1:3001\"]")))
        .isEmpty();
    assertThat(fieldsOf(mcp("\"https://a.mcp.example.com/mcp\"", tools, "[\"*.example.com\"]")))
        .isEmpty();
    assertThat(fieldsOf(mcp("\"https://example.com/mcp\"", tools, "[\"*.example.com\"]")))
        .containsExactly("tools[0].egressAllowlist");
    assertThat(fieldsOf(mcp("\"https://[2001:db8::1]/mcp\"", tools, "[\"[2001:db8::1]\"]")))
        .isEmpty();
  }

  @Test
  void allowedToolsAreOneToThirtyTwoValidNames() throws Exception {
    String url = "\"https://mcp.example.com/mcp\"";
    String egress = "[\"mcp.example.com\"]";
    assertThat(fieldsOf(mcp(url, "null", egress))).containsExactly("tools[0].allowedTools");
    assertThat(fieldsOf(mcp(url, "[]", egress))).containsExactly("tools[0].allowedTools");
    StringBuilder many = new StringBuilder("[");
    for (int i = 0; i < 33; i++) {
      many.append(i == 0 ? "" : ",").append("\"t").append(i).append('"');
    }
    assertThat(fieldsOf(mcp(url, many + "]", egress))).containsExactly("tools[0].allowedTools");
    assertThat(fieldsOf(mcp(url, "[\"echo\", \"9lives\", null]", egress)))
        .containsExactly("tools[0].allowedTools[1]", "tools[0].allowedTools[2]");
  }

  @Test
  void modelFacingNamesAreUniqueAcrossTheWholeSpec() throws Exception {
    String url = "\"https://mcp.example.com/mcp\"";
    String egress = "[\"mcp.example.com\"]";
    assertThat(fieldsOf(mcp(url, "[\"echo\", \"echo\"]", egress)))
        .containsExactly("tools[0].allowedTools[1]");
    assertThat(
            fieldsOf(
                "{\"name\":\"echo\",\"kind\":\"write_artifact\"}", mcp(url, "[\"echo\"]", egress)))
        .containsExactly("tools[1].allowedTools[0]");
    String other =
        "{\"name\":\"other\",\"kind\":\"mcp\",\"url\":"
            + url
            + ",\"allowedTools\":[\"add\",\"echo\"],"
            + "\"egressAllowlist\":"
            + egress
            + "}";
    assertThat(fieldsOf(mcp(url, "[\"echo\"]", egress), other))
        .containsExactly("tools[1].allowedTools[1]");
  }

  @Test
  void theTokenIsReferencedNeverGivenInline() throws Exception {
    String entry =
        "{\"name\":\"srv\",\"kind\":\"mcp\",\"url\":\"https://mcp.example.com/mcp\","
            + "\"allowedTools\":[\"echo\"],\"egressAllowlist\":[\"mcp.example.com\"],\"authRef\":";
    assertThat(fieldsOf(entry + "\"Bearer abc\"}")).containsExactly("tools[0].authRef");
    assertThat(fieldsOf(entry + "\"file:/run/secrets/mcp\"}")).isEmpty();
  }

  @Test
  void mcpFieldsAreRefusedOnOtherKinds() throws Exception {
    assertThat(
            fieldsOf(
                "{\"name\":\"fetch\",\"kind\":\"http_request\",\"egressAllowlist\":[\"a.example.com\"],"
                    + "\"url\":\"https://a.example.com\",\"authRef\":\"env:X\",\"allowedTools\":[\"x\"]}"))
        .containsExactly("tools[0].url", "tools[0].authRef", "tools[0].allowedTools");
  }
}
