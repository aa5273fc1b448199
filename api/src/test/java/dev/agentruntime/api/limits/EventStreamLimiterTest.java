package dev.agentruntime.api.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.agentruntime.api.ApiTestServices;
import dev.agentruntime.api.error.RateLimited;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

/**
 * The leases behind the cap on open event streams, on the tests' real Redis, with leases of a
 * second or three so that expiry can be watched: each limiter here stands for one API instance.
 */
@QuarkusTest
@WithTestResource(value = ApiTestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class EventStreamLimiterTest {

  @Inject RedissonClient redisson;

  private static String tenant() {
    return "lease-" + UUID.randomUUID();
  }

  private static boolean acquires(EventStreamLimiter limiter, String tenant) {
    try {
      limiter.acquire(tenant).release();
      return true;
    } catch (RateLimited refused) {
      return false;
    }
  }

  @Test
  void theSlotOfAnApiThatDiedIsFreeAgainWhenItsLeaseExpires() {
    String tenant = tenant();
    EventStreamLimiter died = new EventStreamLimiter(redisson, 1, Duration.ofSeconds(1));
    EventStreamLimiter alive = new EventStreamLimiter(redisson, 1, Duration.ofSeconds(1));
    try {
      died.acquire(tenant).keep(() -> {});
      died.stop(); // killed: nothing renews its lease or gives it back
      assertThatThrownBy(() -> alive.acquire(tenant))
          .isInstanceOf(RateLimited.class)
          .satisfies(e -> assertThat(((RateLimited) e).retryAfterSeconds()).isPositive());
      await()
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> acquires(alive, tenant));
    } finally {
      died.stop();
      alive.stop();
    }
  }

  @Test
  void aKeptSlotOutlivesItsLeaseAndIsFreeOnceReleased() throws Exception {
    String tenant = tenant();
    EventStreamLimiter api = new EventStreamLimiter(redisson, 1, Duration.ofSeconds(1));
    try {
      EventStreamLimiter.Slot slot = api.acquire(tenant);
      AtomicBoolean lost = new AtomicBoolean();
      slot.keep(() -> lost.set(true));
      Thread.sleep(3_000); // three leases
      assertThatThrownBy(() -> api.acquire(tenant)).isInstanceOf(RateLimited.class);
      assertThat(lost).isFalse();
      slot.release();
      slot.release(); // a second release gives back nothing more
      await().atMost(Duration.ofSeconds(5)).until(() -> acquires(api, tenant));
    } finally {
      api.stop();
    }
  }

  @Test
  void aSlotRedisLostIsTakenAgainOrItsStreamIsEnded() {
    String tenant = tenant();
    EventStreamLimiter api = new EventStreamLimiter(redisson, 1, Duration.ofSeconds(3));
    EventStreamLimiter other = new EventStreamLimiter(redisson, 1, Duration.ofSeconds(3));
    try {
      AtomicBoolean lost = new AtomicBoolean();
      api.acquire(tenant).keep(() -> lost.set(true));
      // Redis restarted empty; another stream of the tenant takes the only slot before this
      // API's next renewal (a second away) finds its lease gone.
      redisson.getPermitExpirableSemaphore(api.keyOf(tenant)).delete();
      other.acquire(tenant).keep(() -> {});
      await().atMost(Duration.ofSeconds(10)).untilTrue(lost);

      // With a slot free, a lost lease is simply taken again.
      String another = tenant();
      AtomicBoolean lostAgain = new AtomicBoolean();
      api.acquire(another).keep(() -> lostAgain.set(true));
      redisson.getPermitExpirableSemaphore(api.keyOf(another)).delete();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  redisson.getPermitExpirableSemaphore(api.keyOf(another)).acquiredPermits() == 1);
      assertThatThrownBy(() -> other.acquire(another)).isInstanceOf(RateLimited.class);
      assertThat(lostAgain).isFalse();
    } finally {
      api.stop();
      other.stop();
    }
  }
}
