package dev.agentruntime.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code agentctl login}: stores the API's URL and a token in a profile of the config file (mode
 * 600), and makes that profile the current one.
 */
@Command(
    name = "login",
    mixinStandardHelpOptions = true,
    description = "Sign in: store the API URL and a token in a profile (mode 600).")
final class LoginCommand implements Callable<Integer> {

  static final class How {
    @Option(names = "--token", paramLabel = "TOKEN", description = "A bearer token (JWT).")
    String token;

    @Option(
        names = "--token-file",
        paramLabel = "FILE",
        description = "A file holding the bearer token; - reads it from stdin.")
    String tokenFile;

    @Option(
        names = "--device",
        description = "Keycloak's device authorization grant (needs --issuer).")
    boolean device;
  }

  @ArgGroup(multiplicity = "1")
  How how;

  @Option(
      names = "--issuer",
      paramLabel = "URL",
      description = "The Keycloak realm's URL, e.g. https://id.example.com/realms/agent-runtime.")
  String issuer;

  @Option(
      names = "--client-id",
      paramLabel = "ID",
      defaultValue = "agent-runtime-cli",
      description = "The OAuth client of the device grant (default: ${DEFAULT-VALUE}).")
  String clientId;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    AgentCtl root = AgentCtl.root(spec);
    AgentCtl.Context context = root.context;
    String profileName = context.profileName(root.profile);
    ConfigFile config = context.config();
    ConfigFile.Contents contents = config.read();
    Map<String, Profile> profiles = contents.profiles();
    Profile profile = profiles.getOrDefault(profileName, Profile.EMPTY);
    String api =
        root.api != null ? root.api : context.env().getOrDefault("AGENTCTL_API", profile.api());
    if (api == null || api.isBlank()) {
      throw CliFailure.usage("no API URL for profile " + profileName + ": give --api URL");
    }
    profile = profile.withApi(api.replaceAll("/+$", ""));
    if (how.device) {
      if (issuer == null) {
        throw CliFailure.usage("--device needs --issuer URL (the Keycloak realm)");
      }
      DeviceLogin.Tokens tokens;
      try (DeviceLogin device = new DeviceLogin(issuer, clientId, context.err())) {
        tokens = device.login();
      }
      profile = profile.withTokens(tokens.accessToken(), tokens.refreshToken(), issuer, clientId);
    } else {
      String token = how.token != null ? how.token : readTokenFile(context, how.tokenFile);
      TokenClaims.of(token, "tenant");
      profile = profile.withTokens(token, null, null, null);
    }
    profiles.put(profileName, profile);
    config.write(new ConfigFile.Contents(profileName, profiles));
    TokenClaims claims = TokenClaims.of(profile.accessToken(), "tenant");
    context
        .err()
        .println(
            "Signed in to "
                + profile.api()
                + " as "
                + claims.subject()
                + (claims.tenant() == null ? "" : " (tenant " + claims.tenant() + ")")
                + "; profile "
                + profileName
                + " saved in "
                + config.path());
    return ExitCode.OK;
  }

  private static String readTokenFile(AgentCtl.Context context, String file) {
    try {
      if (file.equals("-")) {
        InputStream in = context.in();
        return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
      }
      return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw CliFailure.usage("cannot read the token file " + file + ": " + e.getMessage());
    }
  }
}
