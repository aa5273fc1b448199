package dev.agentruntime.worker.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecentObjectsTest {

  private final RecentObjects recent = new RecentObjects(10);

  @Test
  void aTextIsAnsweredOnlyForTheDigestItWasWrittenWith() {
    recent.put("k", "sha-1", "abc");

    assertThat(recent.get("k", "sha-1")).contains("abc");
    assertThat(recent.get("k", "sha-2")).isEmpty();
    assertThat(recent.get("k", null)).isEmpty();
    assertThat(recent.get("other", "sha-1")).isEmpty();
    assertThat(recent.hits()).isEqualTo(1);
    assertThat(recent.misses()).isEqualTo(3);
  }

  @Test
  void aRewriteReplacesTheEarlierTextAndItsDigest() {
    recent.put("k", "sha-1", "abc");
    recent.put("k", "sha-2", "abcd");

    assertThat(recent.get("k", "sha-1")).isEmpty();
    assertThat(recent.get("k", "sha-2")).contains("abcd");
    assertThat(recent.chars()).isEqualTo(4);
  }

  @Test
  void theLeastRecentlyUsedGoFirstOnceTheBudgetIsSpent() {
    recent.put("a", "1", "aaaa");
    recent.put("b", "2", "bbbb");
    assertThat(recent.get("a", "1")).isPresent(); // b is now the least recently used
    recent.put("c", "3", "cccc");

    assertThat(recent.get("b", "2")).isEmpty();
    assertThat(recent.get("a", "1")).isPresent();
    assertThat(recent.get("c", "3")).isPresent();
    assertThat(recent.chars()).isEqualTo(8);
  }

  @Test
  void aTextLargerThanTheBudgetIsNotKeptAndDropsAnEarlierVersion() {
    recent.put("k", "1", "small");
    recent.put("k", "2", "much larger than ten");

    assertThat(recent.get("k", "1")).isEmpty();
    assertThat(recent.get("k", "2")).isEmpty();
    assertThat(recent.chars()).isZero();
  }
}
