package dev.agentruntime.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ChildWorkflowTimesTest {

  @Test
  void timesEachChildsStartAndAnswerFromItsParentsHistory() {
    ChildWorkflowTimes times = new ChildWorkflowTimes();
    times.add(
        ChildRunFixtures.withChild(
            ReportFixtures.history(1, "CallModel", 10, 4, 25), "root-1/child:v1:a", 6, 80));
    times.add(
        ChildRunFixtures.withChild(
            ReportFixtures.history(1, "CallModel", 10, 4, 25), "root-2/child:v1:b", 8, 100));
    times.add(ReportFixtures.history(2, "CallModel", 10, 4, 25));

    assertThat(times.children()).isEqualTo(2);
    assertThat(times.workflowIds()).containsExactly("root-1/child:v1:a", "root-2/child:v1:b");
    assertThat(times.start().meanMs()).isCloseTo(7, within(1e-9));
    assertThat(times.answer().meanMs()).isCloseTo(90, within(1e-9));
  }
}
