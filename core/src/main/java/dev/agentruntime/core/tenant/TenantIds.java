package dev.agentruntime.core.tenant;

import java.util.regex.Pattern;

/**
 * What a tenant id may be; the database's check constraint on {@code tenant.id} says the same. Read
 * wherever an id arrives: the API's paths and bodies, and the operator's grants.
 */
public final class TenantIds {

  public static final String REGEX = "^[a-z][a-z0-9-]{1,62}$";
  private static final Pattern PATTERN = Pattern.compile(REGEX);

  private TenantIds() {}

  public static boolean isValid(String id) {
    return id != null && PATTERN.matcher(id).matches();
  }
}
