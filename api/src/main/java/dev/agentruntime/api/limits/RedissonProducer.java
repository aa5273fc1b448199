package dev.agentruntime.api.limits;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.util.Optional;
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
  RedissonClient redisson(
      @ConfigProperty(name = "agent-runtime.redis.url") String url,
      @ConfigProperty(name = "agent-runtime.redis.password") Optional<String> password) {
    return Redisson.create(config(url, password));
  }

  /**
   * {@code url} is {@code redis://host:port}, or {@code rediss://} for TLS with the JVM's trusted
   * CAs (ElastiCache with transit encryption). A password in the URL ({@code
   * rediss://:token@host:6379}) is used as it is, not URL-decoded; {@code password} is for a token
   * that holds characters a URL cannot carry, and for keeping it in its own secret. The URL's
   * password wins when both are set (Redisson's rule).
   */
  static Config config(String url, Optional<String> password) {
    Config config = new Config();
    config
        .useSingleServer()
        .setAddress(url)
        .setPassword(password.filter(p -> !p.isEmpty()).orElse(null))
        .setConnectTimeout(2_000)
        .setTimeout(2_000)
        .setConnectionMinimumIdleSize(1)
        .setConnectionPoolSize(8);
    return config;
  }

  void close(@Disposes RedissonClient redisson) {
    redisson.shutdown();
  }
}
