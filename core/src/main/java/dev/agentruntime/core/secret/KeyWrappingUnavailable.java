package dev.agentruntime.core.secret;

/**
 * What wraps data keys cannot answer now (a key management service unreachable, throttling, or
 * refusing the caller): unlike {@link SecretCryptoException}, nothing says the wrapped key is bad,
 * and a retry may succeed. The message names the service's call and error code, never key material.
 */
public final class KeyWrappingUnavailable extends RuntimeException {

  public KeyWrappingUnavailable(String message, Throwable cause) {
    super(message, cause);
  }
}
