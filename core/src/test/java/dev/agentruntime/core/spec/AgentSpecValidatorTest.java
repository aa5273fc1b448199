package dev.agentruntime.core.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AgentSpecValidatorTest {

  private static List<String> fieldsOf(String json) throws Exception {
    return AgentSpecValidator.validate(AgentSpecJson.read(json)).stream()
        .map(SpecViolation::field)
        .toList();
  }

  @Test
  void aRawApiKeyIsRefusedInFavourOfASecretReference() throws Exception {
    assertThat(
            fieldsOf(
                "{\"model\":{\"provider\":\"openai\",\"name\":\"gpt\",\"apiKeyRef\":\"sk-123\"},"
                    + "\"instructions\":\"x\"}"))
        .containsExactly("model.apiKeyRef");
  }

  @Test
  void anHttpAgentNeedsAnEndpointAndNoModel() throws Exception {
    assertThat(
            fieldsOf(
                "{\"runtime\":{\"type\":\"http\",\"endpoint\":\"http://agent:8000/\","
                    + "\"apiKeyRef\":\"env:AGENT_TOKEN\"},"
                    + "\"tools\":[{\"name\":\"t\",\"kind\":\"write_artifact\","
                    + "\"requiresApproval\":true}]}"))
        .isEmpty();
    assertThat(fieldsOf("{\"runtime\":{\"type\":\"http\"},\"model\":{\"provider\":\"demo\"}}"))
        .containsExactlyInAnyOrder("runtime.endpoint", "model");
    assertThat(
            fieldsOf(
                "{\"runtime\":{\"type\":\"http\",\"endpoint\":\"http://agent\"},"
                    + "\"instructions\":\" \"}"))
        .containsExactly("instructions");
  }

  @Test
  void anHttpEndpointIsAPlainHttpUrlAndItsTokenASecretReference() throws Exception {
    for (String endpoint :
        List.of(
            "ftp://agent",
            "agent:8000",
            "http://user:pw@agent",
            "http://agent/?x=1",
            "http://agent/#turns")) {
      assertThat(fieldsOf("{\"runtime\":{\"type\":\"http\",\"endpoint\":\"" + endpoint + "\"}}"))
          .as(endpoint)
          .containsExactly("runtime.endpoint");
    }
    assertThat(
            fieldsOf(
                "{\"runtime\":{\"type\":\"http\",\"endpoint\":\"https://agent\","
                    + "\"apiKeyRef\":\"s3cr3t\"}}"))
        .containsExactly("runtime.apiKeyRef");
    assertThat(
            fieldsOf(
                "{\"runtime\":{\"type\":\"builtin\",\"endpoint\":\"https://agent\","
                    + "\"apiKeyRef\":\"env:X\"},\"model\":{\"provider\":\"demo\"},"
                    + "\"instructions\":\"x\"}"))
        .containsExactlyInAnyOrder("runtime.endpoint", "runtime.apiKeyRef");
  }

  @Test
  void anApprovalTimeoutNeedsAnApprovalAndARange() throws Exception {
    assertThat(
            fieldsOf(
                "{\"model\":{\"provider\":\"demo\"},\"instructions\":\"x\","
                    + "\"tools\":[{\"name\":\"a\",\"kind\":\"write_artifact\","
                    + "\"approvalTimeoutSeconds\":60},"
                    + "{\"name\":\"b\",\"kind\":\"write_artifact\",\"requiresApproval\":true,"
                    + "\"approvalTimeoutSeconds\":604801},"
                    + "{\"name\":\"c\",\"kind\":\"write_artifact\",\"requiresApproval\":true,"
                    + "\"approvalTimeoutSeconds\":3600}]}"))
        .containsExactlyInAnyOrder(
            "tools[0].approvalTimeoutSeconds", "tools[1].approvalTimeoutSeconds");
  }

  @Test
  void limitsRetryAndToolNamesAreRangeChecked() throws Exception {
    assertThat(
            fieldsOf(
                "{\"model\":{\"provider\":\"demo\"},\"instructions\":\"x\","
                    + "\"tools\":[{\"name\":\"a\",\"kind\":\"write_artifact\"},"
                    + "{\"name\":\"a\",\"kind\":\"write_artifact\"}],"
                    + "\"limits\":{\"maxSteps\":0,\"timeoutSeconds\":90000},"
                    + "\"retry\":{\"initialIntervalMillis\":5000,\"maxIntervalMillis\":100}}"))
        .containsExactlyInAnyOrder(
            "tools[1].name", "limits.maxSteps", "limits.timeoutSeconds", "retry.maxIntervalMillis");
  }

  @Test
  void aKeyIsReferencedFromTheEnvironmentOrAFileNeverGivenInline() throws Exception {
    String spec =
        "{\"model\":{\"provider\":\"anthropic\",\"name\":\"claude\",\"apiKeyRef\":\"%s\"},\"instructions\":\"x\"}";
    assertThat(fieldsOf(spec.formatted("env:ANTHROPIC_API_KEY"))).isEmpty();
    assertThat(fieldsOf(spec.formatted("file:/run/secrets/anthropic"))).isEmpty();
    assertThat(fieldsOf(spec.formatted("file:run/secrets/anthropic")))
        .containsExactly("model.apiKeyRef");
    assertThat(fieldsOf(spec.formatted("sk-ant-123"))).containsExactly("model.apiKeyRef");
  }

  @Test
  void egressEntriesFollowTheEgressSyntax() throws Exception {
    assertThat(
            fieldsOf(
                "{\"model\":{\"provider\":\"demo\"},\"instructions\":\"x\","
                    + "\"tools\":[{\"name\":\"a\",\"kind\":\"write_artifact\","
                    + "\"egressAllowlist\":[\"api.example.com\",\"http://*.example.org:8080\","
                    + "\"10.0.0.5\",\"[2001:db8::1]:443\",\"*.com\",\"ftp://x.example\","
                    + "\"exa mple.com\"]}]}"))
        .containsExactlyInAnyOrder(
            "tools[0].egressAllowlist[4]",
            "tools[0].egressAllowlist[5]",
            "tools[0].egressAllowlist[6]");
  }

  @Test
  void missingModelAndInstructionsAreReported() throws Exception {
    assertThat(fieldsOf("{}")).containsExactlyInAnyOrder("model", "instructions");
  }
}
