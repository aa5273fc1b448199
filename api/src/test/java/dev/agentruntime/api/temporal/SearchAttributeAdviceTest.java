package dev.agentruntime.api.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.core.workflow.RunWorkflows;
import io.temporal.api.enums.v1.IndexedValueType;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SearchAttributeAdviceTest {

  @Test
  void theWarningNamesEachMissingAttributeAndTheCommandsThatCreateThem() {
    String warning =
        SearchAttributeAdvice.warning(
            "prod.a1b2c",
            RunWorkflows.searchAttributeTypes(),
            Map.of(),
            RunWorkflows.searchAttributeTypes(),
            "PERMISSION_DENIED: Request unauthorized.",
            Duration.ofMinutes(1));

    assertThat(warning)
        .contains(
            "namespace 'prod.a1b2c' lacks the run search attributes AgentRuntimeTenant (Keyword),"
                + " AgentRuntimeAgent (Keyword), AgentRuntimeAgentVersion (Int)",
            "(PERMISSION_DENIED: Request unauthorized.)",
            "\n  temporal operator search-attribute create --namespace prod.a1b2c"
                + " --name AgentRuntimeTenant --name AgentRuntimeAgent --type Keyword\n",
            "\n  temporal operator search-attribute create --namespace prod.a1b2c"
                + " --name AgentRuntimeAgentVersion --type Int\n",
            "\n  tcld namespace search-attributes add --namespace prod.a1b2c"
                + " --search-attribute AgentRuntimeTenant=Keyword"
                + " --search-attribute AgentRuntimeAgent=Keyword"
                + " --search-attribute AgentRuntimeAgentVersion=Int\n",
            "checks again every 1m");
  }

  @Test
  void anAttributeOfAnotherTypeIsToBeRemovedFirst() {
    String warning =
        SearchAttributeAdvice.warning(
            "default",
            Map.of(),
            Map.of("AgentRuntimeAgentVersion", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD),
            RunWorkflows.searchAttributeTypes(),
            "they exist with another type",
            Duration.ofSeconds(30));

    assertThat(warning)
        .contains(
            "AgentRuntimeAgentVersion exists as Keyword but must be Int",
            "temporal operator search-attribute remove --namespace default"
                + " --name AgentRuntimeAgentVersion",
            "create --namespace default --name AgentRuntimeAgentVersion --type Int",
            "every 30s");
  }
}
