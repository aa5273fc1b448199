package dev.agentruntime.api.limits;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/**
 * The Redis client. Application scoped, hence created on first use: the API starts even when Redis
 * is not reachable yet.
 */
public class RedissonProducer {

  @Produces
  @ApplicationScoped
  RedissonClient redisson(@ConfigProperty(name = "agent-runtime.redis.url") String url) {
    Config config = new Config();
    config
        .useSingleServer()
        .setAddress(url)
        .setConnectTimeout(2_000)
        .setTimeout(2_000)
        .setConnectionMinimumIdleSize(1)
        .setConnectionPoolSize(8);
    return Redisson.create(config);
  }

  void close(@Disposes RedissonClient redisson) {
    redisson.shutdown();
  }
}
