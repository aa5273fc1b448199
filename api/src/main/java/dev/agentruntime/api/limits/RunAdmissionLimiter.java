package dev.agentruntime.api.limits;

import dev.agentruntime.api.error.RateLimited;
import dev.agentruntime.core.log.LogSafe;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
  private final AdmissionRates rates;
  private final Map<String, RRateLimiter> limiters = new ConcurrentHashMap<>();

  public RunAdmissionLimiter(RedissonClient redisson, AdmissionRates rates) {
    this.redisson = redisson;
    this.rates = rates;
  }

  /**
   * Takes one admission permit of the tenant.
   *
   * @throws RateLimited when the tenant is over its rate
   */
  public void admit(String tenantId) {
    AdmissionRates.Rate rate = rates.of(tenantId);
    boolean allowed;
    try {
      allowed = limiterOf(tenantId, rate).tryAcquire();
    } catch (RuntimeException e) {
      LOG.warnf("run admission limit not enforced, Redis failed: %s", LogSafe.escape(e.toString()));
      return;
    }
    if (!allowed) {
      throw new RateLimited(
          "Tenant '"
              + tenantId
              + "' is over its limit of "
              + rate.perSecond()
              + " runs per second (bursts of "
              + rate.burst()
              + ")",
          1);
    }
  }

  private RRateLimiter limiterOf(String tenantId, AdmissionRates.Rate rate) {
    // The rate is part of the key, so a changed rate takes effect at once.
    String key =
        "agent-runtime:run-admissions:" + rate.perSecond() + ":" + rate.burst() + ":" + tenantId;
    return limiters.computeIfAbsent(
        key,
        k -> {
          RRateLimiter created = redisson.getRateLimiter(k);
          // Redisson's limiter allows so many permits per window: a window of burst / rate
          // seconds gives the rate on average and the burst at most.
          long windowMillis = Math.max(1, rate.burst() * 1000 / rate.perSecond());
          created.trySetRate(RateType.OVERALL, rate.burst(), Duration.ofMillis(windowMillis));
          return created;
        });
  }
}
