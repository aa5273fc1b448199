package dev.agentruntime.api.console;

/**
 * The console's Content-Security-Policy: its own scripts and styles only (no inline script or
 * style, no eval), data from its own origin plus the OIDC realm's for the token exchange, no
 * framing, no plugins. Whatever a model wrote is rendered as text; this is the second wall.
 */
final class ContentSecurityPolicy {

  private ContentSecurityPolicy() {}

  /**
   * @param realmOrigin the OIDC realm's origin, or null when the console signs in by token only
   */
  static String forConsole(String realmOrigin) {
    String connect = realmOrigin == null ? "'self'" : "'self' " + realmOrigin;
    return String.join(
        "; ",
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src " + connect,
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
        "object-src 'none'");
  }
}
