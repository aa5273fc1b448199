package dev.agentruntime.cli;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One stack agentctl talks to: its API and the tokens of the person signed in there. {@code issuer}
 * and {@code clientId} are set by a device-flow login, so that an expired access token is refreshed
 * with {@code refreshToken}; a token given with {@code --token} has neither.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Profile(
    String api, String accessToken, String refreshToken, String issuer, String clientId) {

  public static final Profile EMPTY = new Profile(null, null, null, null, null);

  public Profile withApi(String value) {
    return new Profile(value, accessToken, refreshToken, issuer, clientId);
  }

  public Profile withTokens(String access, String refresh, String issuerUrl, String client) {
    return new Profile(api, access, refresh, issuerUrl, client);
  }
}
