package dev.agentruntime.core.secret;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a spec says a secret is, never the secret itself. Two owners, two forms:
 *
 * <ul>
 *   <li>{@code secret:NAME} — the run's own tenant's secret {@code NAME}, written through {@code
 *       PUT /v1/secrets/NAME}; it resolves in that tenant's runs and no other's.
 *   <li>{@code env:NAME}, {@code file:/path} — a <em>platform</em> secret on the worker (an
 *       environment variable, a mounted file). It resolves only where the operator granted that
 *       exact reference to the run's tenant ({@link PlatformSecretGrants}); a tenant cannot name
 *       the worker's other variables or files.
 * </ul>
 */
public sealed interface SecretRef permits SecretRef.Tenant, SecretRef.Platform {

  /** Syntax of a tenant secret's name: a letter, then letters, digits, {@code _} or {@code -}. */
  Pattern NAME = Pattern.compile("^[A-Za-z][A-Za-z0-9_-]{0,63}$");

  Pattern PLATFORM =
      Pattern.compile("^(env:[A-Za-z_][A-Za-z0-9_]{0,127}|file:/[^\\u0000]{1,1023})$");

  String TENANT_PREFIX = "secret:";

  /** The reference as a spec writes it. */
  String text();

  /** A secret of the run's tenant. */
  record Tenant(String name) implements SecretRef {
    @Override
    public String text() {
      return TENANT_PREFIX + name;
    }
  }

  /** A secret of the platform, usable only where the operator granted it. */
  record Platform(String text) implements SecretRef {
    public boolean isFile() {
      return text.startsWith("file:");
    }
  }

  /** The reference {@code text} spells, or empty when it is not one. */
  static Optional<SecretRef> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    if (text.startsWith(TENANT_PREFIX)) {
      String name = text.substring(TENANT_PREFIX.length());
      return NAME.matcher(name).matches() ? Optional.of(new Tenant(name)) : Optional.empty();
    }
    return PLATFORM.matcher(text).matches() ? Optional.of(new Platform(text)) : Optional.empty();
  }
}
