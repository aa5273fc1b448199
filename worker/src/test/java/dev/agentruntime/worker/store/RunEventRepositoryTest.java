package dev.agentruntime.worker.store;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentruntime.core.run.RunEventTypes;
import org.junit.jupiter.api.Test;

class RunEventRepositoryTest {

  /**
   * Every append passes this check, so any worker test that writes an event of a type core does not
   * define fails; the API lists and documents only core's types.
   */
  @Test
  void onlyTheEventTypesOfCoreAreAppended() {
    RunEventTypes.ALL.forEach(
        type ->
            assertThatCode(() -> RunEventRepository.requireKnown(type)).doesNotThrowAnyException());
    assertThatThrownBy(() -> RunEventRepository.requireKnown("step.finished"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("step.finished");
  }
}
