package dev.agentruntime.api.health;

import io.smallrye.health.api.HealthGroup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.RedisNodes;

/**
 * Up while Redis answers a PING. Without Redis the API still admits runs, but without the
 * per-tenant rate limit and the cap on event streams ({@code RunAdmissionLimiter}, {@code
 * EventStreamLimiter}), which let requests through and log a warning.
 *
 * <p>In the {@link DependencyHealth#GROUP} group, not in readiness: Redis is down for every API
 * instance at once, so taking them out of rotation would refuse everything rather than serve it
 * without the limits.
 */
@HealthGroup(DependencyHealth.GROUP)
@ApplicationScoped
public class RedisHealth implements HealthCheck {

  static final String NAME = "Redis";

  private final RedissonClient redisson;
  private final Duration timeout;
  // The client is created on first use, and creating it while Redis is unreachable takes about
  // 11 s (its connect timeouts and retries), longer than a load balancer waits for an answer. So
  // the ping runs on its own thread and the check waits for it at most `timeout`; a ping still
  // running is waited for again, never started twice.
  private final ExecutorService pings =
      Executors.newSingleThreadExecutor(
          task -> Thread.ofPlatform().name("redis-readiness").daemon().unstarted(task));
  private Future<Boolean> ping;

  public RedisHealth(
      RedissonClient redisson,
      @ConfigProperty(name = "agent-runtime.health.timeout") Duration timeout) {
    this.redisson = redisson;
    this.timeout = timeout;
  }

  @Override
  public synchronized HealthCheckResponse call() {
    var response = HealthCheckResponse.named(NAME);
    if (ping == null || ping.isDone()) {
      ping = pings.submit(this::pingAll);
    }
    try {
      return response.status(ping.get(timeout.toMillis(), TimeUnit.MILLISECONDS)).build();
    } catch (TimeoutException e) {
      return response.down().withData("error", "no answer within " + timeout).build();
    } catch (ExecutionException e) {
      // Only the exception's type: Redisson's messages can carry the URL, and with it the token.
      return response.down().withData("error", e.getCause().getClass().getSimpleName()).build();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return response.down().build();
    }
  }

  private boolean pingAll() {
    return redisson
        .getRedisNodes(RedisNodes.SINGLE)
        .pingAll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  void stop() {
    pings.shutdownNow();
  }
}
