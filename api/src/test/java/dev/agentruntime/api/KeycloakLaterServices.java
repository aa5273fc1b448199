package dev.agentruntime.api;

import dev.agentruntime.embedded.Ports;
import java.util.Map;

/**
 * {@link ApiTestServices} with the API verifying tokens against a JWKS URL where nothing answers
 * yet, as when Keycloak starts after the API: the test serves the key set itself, later.
 */
public class KeycloakLaterServices extends ApiTestServices {

  /** Config key of the loopback port the API expects the JWKS on, at {@code /certs}. */
  public static final String JWKS_PORT = "agent-runtime.test.jwks-port";

  @Override
  public Map<String, String> start() {
    Map<String, String> config = super.start();
    int port = Ports.free();
    config.put("mp.jwt.verify.publickey.location", "http://127.0.0.1:" + port + "/certs");
    config.put(JWKS_PORT, Integer.toString(port));
    return config;
  }
}
