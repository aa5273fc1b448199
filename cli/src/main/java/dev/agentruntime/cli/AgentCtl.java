package dev.agentruntime.cli;

import dev.agentruntime.client.ApiException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code agentctl}: the command line of the Agent Runtime API (docs/cli.md). */
@Command(
    name = "agentctl",
    mixinStandardHelpOptions = true,
    versionProvider = AgentCtl.Version.class,
    description = "The command line of the Agent Runtime API.")
public final class AgentCtl {

  /**
   * The command groups, by name. Picocli reflects over every command it is given before it parses
   * anything, about 0.3 s for all of them on a small machine: a command line that names a group is
   * given only that one.
   */
  static final Map<String, Class<?>> GROUPS = groups();

  private static Map<String, Class<?>> groups() {
    Map<String, Class<?>> groups = new LinkedHashMap<>();
    for (Class<?> group :
        List.of(
            LoginCommand.class,
            WhoamiCommand.class,
            ProfilesCommand.class,
            AgentsCommand.class,
            VersionsCommand.class,
            AliasesCommand.class,
            RunsCommand.class,
            ApprovalsCommand.class,
            ArtifactsCommand.class,
            SchedulesCommand.class,
            WebhooksCommand.class,
            UsageCommand.class,
            CompletionCommand.class)) {
      groups.put(group.getAnnotation(Command.class).name(), group);
    }
    return groups;
  }

  @Option(
      names = "--profile",
      scope = ScopeType.INHERIT,
      paramLabel = "NAME",
      description = "The profile (stack) to use; default: $AGENTCTL_PROFILE, else the current one.")
  String profile;

  @Option(
      names = "--api",
      scope = ScopeType.INHERIT,
      paramLabel = "URL",
      description = "The API's base URL; default: $AGENTCTL_API, else the profile's.")
  String api;

  final Context context;

  AgentCtl(Context context) {
    this.context = context;
  }

  public static void main(String[] args) {
    Context context = new Context(System.getenv(), System.in, System.out, System.err);
    System.exit(run(context, args));
  }

  /** Runs one command line; answers its exit code ({@link ExitCode}). */
  public static int run(Context context, String... args) {
    CommandLine line = commandLine(context, group(args));
    AgentCtl root = line.getCommand();
    try {
      return line.execute(args);
    } finally {
      if (root.session != null) {
        root.session.close();
      }
    }
  }

  /**
   * The group {@code args} name (its first word that is neither an option nor a global option's
   * value), or null: then every group, for the root's help, completion and "did you mean"; "" for
   * {@code --version}, which needs none.
   */
  static String group(String... args) {
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      return "";
    }
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--profile") || arg.equals("--api")) {
        i++;
      } else if (!arg.startsWith("-")) {
        return GROUPS.containsKey(arg) && !arg.equals("completion") ? arg : null;
      }
    }
    return null;
  }

  static CommandLine commandLine(Context context, String group) {
    AgentCtl root = new AgentCtl(context);
    CommandLine line = new CommandLine(root);
    for (Map.Entry<String, Class<?>> each : GROUPS.entrySet()) {
      if (group == null || group.equals(each.getKey())) {
        line.addSubcommand(each.getKey(), each.getValue());
      }
    }
    line.setOut(new PrintWriter(context.out(), true));
    line.setErr(new PrintWriter(context.err(), true));
    line.setExecutionExceptionHandler(
        (e, failed, parsed) -> {
          context.err().println(errorLine(e, root));
          return exitCode(e);
        });
    return line;
  }

  /** The root command of {@code spec}'s tree: its options and the process's streams. */
  static AgentCtl root(CommandSpec spec) {
    return (AgentCtl) spec.root().userObject();
  }

  /** The session of this command line: the profile, the API and a client signed in to it. */
  Session session() {
    if (session == null) {
      session = context.session(profile, api);
    }
    return session;
  }

  private Session session;

  static String errorLine(Exception e, AgentCtl root) {
    if (e instanceof ApiException api) {
      return Problems.line(api, root.context.apiUrlOrNull(root.profile, root.api));
    }
    if (e instanceof CliFailure failure) {
      return "error: " + failure.getMessage();
    }
    if (e instanceof UncheckedIOException io) {
      return "error: the connection to the API failed: " + io.getCause().getMessage();
    }
    return "error: " + e;
  }

  static int exitCode(Exception e) {
    if (e instanceof ApiException api) {
      return ExitCode.forStatus(api.getCode());
    }
    if (e instanceof CliFailure failure) {
      return failure.exitCode();
    }
    if (e instanceof UncheckedIOException) {
      return ExitCode.UNREACHABLE;
    }
    return ExitCode.OTHER;
  }

  /** The process's environment and streams; tests give their own. */
  public record Context(Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {

    ConfigFile config() {
      return ConfigFile.locate(env);
    }

    /** The profile named by the option, else $AGENTCTL_PROFILE, else the current, else default. */
    String profileName(String option) {
      if (option != null && !option.isBlank()) {
        return option;
      }
      String fromEnv = env.get("AGENTCTL_PROFILE");
      if (fromEnv != null && !fromEnv.isBlank()) {
        return fromEnv;
      }
      String current = config().read().currentProfile();
      return current == null ? "default" : current;
    }

    String apiUrlOrNull(String profileOption, String apiOption) {
      if (apiOption != null && !apiOption.isBlank()) {
        return apiOption;
      }
      String fromEnv = env.get("AGENTCTL_API");
      if (fromEnv != null && !fromEnv.isBlank()) {
        return fromEnv;
      }
      Profile profile = config().read().profiles().get(profileName(profileOption));
      return profile == null ? null : profile.api();
    }

    Session session(String profileOption, String apiOption) {
      return Session.open(this, profileName(profileOption), apiUrlOrNull(profileOption, apiOption));
    }
  }

  /** The version of the jar (its manifest's Implementation-Version). */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = AgentCtl.class.getPackage().getImplementationVersion();
      return new String[] {"agentctl " + (version == null ? "(development build)" : version)};
    }
  }
}
