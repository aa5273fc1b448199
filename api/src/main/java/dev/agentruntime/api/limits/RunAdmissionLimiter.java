package dev.agentruntime.api.limits;

import dev.agentruntime.api.error.RateLimited;
import dev.agentruntime.core.log.LogSafe;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.redisson.api.RRateLimiter;
import org.redisson.api.RateType;
import org.redisson.api.RedissonClient;

/**
 * Caps run admissions per tenant across every API instance (a Redis rate limiter). When Redis is
 * unreachable admissions are let through: the limit protects capacity, it is not what makes a run
 * correct.
 */
@ApplicationScoped
public class RunAdmissionLimiter {

  private static final Logger LOG = Logger.getLogger(RunAdmissionLimiter.class);

  private final RedissonClient redisson;
  private final long perSecond;
  private final Map<String, RRateLimiter> limiters = new ConcurrentHashMap<>();

  public RunAdmissionLimiter(
      RedissonClient redisson,
      @ConfigProperty(name = "agent-runtime.limits.run-admissions-per-second") long perSecond) {
    this.redisson = redisson;
    this.perSecond = perSecond;
  }

  /**
   * Takes one admission permit of the tenant.
   *
   * @throws RateLimited when the tenant is over its rate
   */
  public void admit(String tenantId) {
    boolean allowed;
    try {
      allowed = limiterOf(tenantId).tryAcquire();
    } catch (RuntimeException e) {
      LOG.warnf("run admission limit not enforced, Redis failed: %s", LogSafe.escape(e.toString()));
      return;
    }
    if (!allowed) {
      throw new RateLimited(
          "Tenant '" + tenantId + "' is over its limit of " + perSecond + " runs per second", 1);
    }
  }

  private RRateLimiter limiterOf(String tenantId) {
    RRateLimiter limiter = limiters.get(tenantId);
    if (limiter != null) {
      return limiter;
    }
    // The rate is part of the key, so changing the configured rate takes effect at once.
    RRateLimiter created =
        redisson.getRateLimiter("agent-runtime:run-admissions:" + perSecond + ":" + tenantId);
    created.trySetRate(RateType.OVERALL, perSecond, Duration.ofSeconds(1));
    limiters.put(tenantId, created);
    return created;
  }
}
