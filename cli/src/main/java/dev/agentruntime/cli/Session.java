package dev.agentruntime.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentruntime.client.AgentRuntimeClient;
import dev.agentruntime.client.ApiException;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Map;

/**
 * One command's connection to the API: the generated client, signed in as the profile's person (or
 * $AGENTCTL_TOKEN), with the raw text of each answer kept for {@code -o json}. A device-flow token
 * about to expire is refreshed first and the profile saved with the new tokens.
 */
final class Session {

  /** Writes trees as they are (nulls kept), unlike the client's mapper for its classes. */
  static final com.fasterxml.jackson.databind.ObjectMapper TREES =
      new com.fasterxml.jackson.databind.ObjectMapper();

  private final AgentCtl.Context context;
  private final String apiUrl;
  private final String token;
  private final AgentRuntimeClient client;
  private final RawJson raw;
  private final Retrier retrier;
  private final HttpClients httpClients = new HttpClients();

  private Session(AgentCtl.Context context, String apiUrl, String token) {
    this.context = context;
    this.apiUrl = apiUrl;
    this.token = token;
    this.client = AgentRuntimeClient.create(apiUrl, token);
    client.apiClient().setHttpClientBuilder(httpClients);
    this.raw = new RawJson(client.apiClient().getObjectMapper());
    client.apiClient().setObjectMapper(raw);
    this.retrier = new Retrier(context.err(), duration -> Thread.sleep(duration.toMillis()));
  }

  static Session open(AgentCtl.Context context, String profileName, String apiUrl) {
    if (apiUrl == null) {
      throw CliFailure.usage(
          "no API URL: give --api URL, set AGENTCTL_API, or run agentctl login --api URL");
    }
    String token = context.env().get("AGENTCTL_TOKEN");
    if (token == null || token.isBlank()) {
      token = profileToken(context, profileName);
    }
    try {
      return new Session(context, apiUrl, token.strip());
    } catch (IllegalArgumentException e) {
      throw CliFailure.usage(e.getMessage());
    }
  }

  private static String profileToken(AgentCtl.Context context, String profileName) {
    ConfigFile config = context.config();
    ConfigFile.Contents contents = config.read();
    Profile profile = contents.profiles().get(profileName);
    if (profile == null || profile.accessToken() == null) {
      throw new CliFailure(
          ExitCode.UNAUTHORIZED,
          "not signed in (profile " + profileName + "): run agentctl login, or set AGENTCTL_TOKEN");
    }
    TokenClaims claims = TokenClaims.of(profile.accessToken(), "tenant");
    if (!claims.expiresWithin(Instant.now(), 30)
        || profile.refreshToken() == null
        || profile.issuer() == null) {
      return profile.accessToken();
    }
    DeviceLogin.Tokens fresh;
    try (DeviceLogin device =
        new DeviceLogin(profile.issuer(), profile.clientId(), context.err())) {
      fresh = device.refresh(profile.refreshToken());
    } catch (CliFailure e) {
      throw new CliFailure(
          e.exitCode(),
          e.getMessage()
              + " (the session of profile "
              + profileName
              + " is over: agentctl login --device)");
    }
    Map<String, Profile> profiles = contents.profiles();
    profiles.put(
        profileName,
        profile.withTokens(
            fresh.accessToken(), fresh.refreshToken(), profile.issuer(), profile.clientId()));
    config.write(new ConfigFile.Contents(contents.currentProfile(), profiles));
    return fresh.accessToken();
  }

  /** Ends the session's HTTP clients (see {@link HttpClients}). */
  void close() {
    httpClients.shutdown();
  }

  AgentRuntimeClient client() {
    return client;
  }

  String apiUrl() {
    return apiUrl;
  }

  String token() {
    return token;
  }

  PrintStream out() {
    return context.out();
  }

  PrintStream err() {
    return context.err();
  }

  /** An idempotent call: answered 429 or 503, it is made again after the Retry-After. */
  <T> T read(Retrier.Call<T> call) throws ApiException {
    return retrier.idempotent(call);
  }

  /** A call made once, whatever the answer. */
  <T> T write(Retrier.Call<T> call) throws ApiException {
    return call.call();
  }

  /** The text of the last JSON answer, as the API sent it. */
  String lastJson() {
    return raw.last();
  }

  /** The last JSON answer as a tree, for picking items out of pages. */
  JsonNode lastTree() {
    try {
      return raw.readTree(raw.last());
    } catch (IOException e) {
      throw new CliFailure(ExitCode.OTHER, "the API's answer is not JSON: " + e.getMessage());
    }
  }

  /** Prints the last answer as it came. */
  void printLastJson() {
    context.out().println(raw.last());
  }

  /** Prints a JSON value (an array of page items, a file) on one line. */
  void printJson(JsonNode node) {
    try {
      context.out().println(TREES.writeValueAsString(node));
    } catch (IOException e) {
      throw new CliFailure(ExitCode.OTHER, e.getMessage());
    }
  }

  RawJson json() {
    return raw;
  }
}
