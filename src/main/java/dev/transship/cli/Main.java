package dev.transship.cli;

import dev.transship.TransshipException;
import dev.transship.archive.ArchiveWriter;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code transship} command: wires subcommands and turns user errors into one line and exit 2. */
@Command(
    name = "transship",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Rewrite Velero backups so they restore on another cluster, lint them in CI,",
      "plan staged restores and run them."
    })
public final class Main {
  /**
   * The subcommands, in the order help lists them. picocli reads a command's annotations, options
   * and mixins when it is added: for all of them about 0.1 s of a 0.23 s {@code --version} on JDK 17
   * (C1, class data shared). A command line naming one gets only that one (a 1,000-object lint 40 ms
   * faster); help, completion and a mistyped name get all.
   */
  private static final List<Class<?>> SUBCOMMANDS = List.of(InspectCommand.class, LintCommand.class, ConvertCommand.class,
      PlanCommand.class, RestoreCommand.class, RulesCommand.class, PackCommand.class, LsCommand.class,
      AutoComplete.GenerateCompletion.class, CommandLine.HelpCommand.class);
  /** Subcommands that speak of the others. */
  private static final Set<Class<?>> NEED_ALL = Set.of(AutoComplete.GenerateCompletion.class, CommandLine.HelpCommand.class);

  public static void main(String[] args) {
    int code;
    try {
      code = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    } catch (OutOfMemoryError e) {
      System.err.println("transship: out of memory (heap limit " + Runtime.getRuntime().maxMemory() / (1 << 20)
          + " MiB); give the JVM more, e.g. TRANSSHIP_JAVA_OPTS=-Xmx4g");
      code = ExitCodes.INTERNAL;
    }
    System.exit(code);
  }

  /** Runs a command line; used by {@link #main} and by tests. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    return run(args, out, err, Wiring.DEFAULT);
  }

  /** Runs a command line whose commands reach buckets and clusters as {@code wiring} says (tests: in-process, quick). */
  public static int run(String[] args, PrintWriter out, PrintWriter err, Wiring wiring) {
    CommandLine.IFactory defaults = CommandLine.defaultFactory();
    CommandLine.IFactory factory = new CommandLine.IFactory() {
      @Override
      @SuppressWarnings("unchecked")
      public <K> K create(Class<K> type) throws Exception {
        if (type == StoreOptions.class) {
          return (K) new StoreOptions(wiring);
        }
        return type == RestoreCommand.class ? (K) new RestoreCommand(wiring.timings()) : defaults.create(type);
      }
    };
    CommandLine cli = new CommandLine(new Main(), factory);
    for (Class<?> command : subcommandsFor(args)) {
      cli.addSubcommand(new CommandLine(command, factory));
    }
    // Every command's help lists -V (mixinStandardHelpOptions); give each the version to print.
    giveVersion(cli);
    cli.setOut(out);
    cli.setErr(err);
    // A usage mistake is one line, like any other bad input, not the whole help text.
    cli.setParameterExceptionHandler((e, ignored) -> {
      CommandLine command = e.getCommandLine();
      String line = "transship: " + e.getMessage();
      if (e instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
        line += " (did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?)";
      }
      command.getErr().println(line + "; see '" + command.getCommandSpec().qualifiedName() + " --help'");
      return ExitCodes.BAD_INPUT;
    });
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      if (e instanceof TransshipException) {
        commandLine.getErr().println("transship: " + e.getMessage());
        return ExitCodes.BAD_INPUT;
      }
      // Not the user's input: exit apart from lint's 1, so CI never reads a crash as findings.
      commandLine.getErr().println("transship: internal error, please report it with this trace:");
      e.printStackTrace(commandLine.getErr());
      return ExitCodes.INTERNAL;
    });
    return cli.execute(args);
  }

  /** The subcommand the first argument names, or all of them. */
  private static List<Class<?>> subcommandsFor(String[] args) {
    if (args.length > 0) {
      for (Class<?> command : SUBCOMMANDS) {
        if (!NEED_ALL.contains(command) && command.getAnnotation(Command.class).name().equals(args[0])) {
          return List.of(command);
        }
      }
    }
    return SUBCOMMANDS;
  }

  private static void giveVersion(CommandLine command) {
    command.getSubcommands().values().forEach(sub -> {
      sub.getCommandSpec().versionProvider(new Version());
      giveVersion(sub);
    });
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Main.class.getPackage().getImplementationVersion();
      return new String[] {"transship " + (version == null ? "dev" : version),
          "Java " + Runtime.version() + ", gzip by " + ArchiveWriter.Compression.engine()};
    }
  }
}
