package dev.agentruntime.core.secret;

/** A wrapped key or sealed value that does not open. The message never holds key or value. */
public final class SecretCryptoException extends RuntimeException {

  public SecretCryptoException(String message) {
    super(message);
  }
}
