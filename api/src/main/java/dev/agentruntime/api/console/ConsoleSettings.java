package dev.agentruntime.api.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * How the console signs people in. Without an issuer it offers the token form only (standalone's
 * dev tokens); with one, the realm's login page by authorization code with PKCE.
 */
@ConfigMapping(prefix = "agent-runtime.console")
public interface ConsoleSettings {

  Oidc oidc();

  interface Oidc {
    /**
     * The realm as the browser reaches it (https://id.example.com/realms/agent-runtime); its origin
     * is the only other one the console's Content-Security-Policy lets it connect to.
     */
    Optional<String> issuer();

    /** The public client of auth/keycloak-realm.json. */
    @WithDefault("agent-runtime-console")
    String clientId();

    @WithDefault("openid")
    String scope();
  }
}
