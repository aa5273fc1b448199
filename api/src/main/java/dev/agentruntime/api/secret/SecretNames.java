package dev.agentruntime.api.secret;

import dev.agentruntime.core.secret.SecretRef;

/**
 * What a secret's name may be: {@link SecretRef#NAME}, the name a spec writes after {@code
 * secret:}. The database's check constraint on {@code tenant_secret.name} says the same; the
 * regular expression is repeated here as a constant because annotations (the OpenAPI path
 * parameter) need one, and a test holds the two together.
 */
public final class SecretNames {

  public static final String REGEX = "^[A-Za-z][A-Za-z0-9_-]{0,63}$";

  static final String EXPECTED =
      "a secret name: a letter, then up to 63 letters, digits, '_' or '-' (" + REGEX + ")";

  private SecretNames() {}

  public static boolean isValid(String name) {
    return name != null && SecretRef.NAME.matcher(name).matches();
  }
}
