package org.certbulletin.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.certbulletin.model.Format;
import org.certbulletin.model.ProgramName;
import org.certbulletin.model.Release;
import org.certbulletin.model.WeekId;
import org.certbulletin.service.ServiceFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The {@code cert-bulletin} command: the composition root of the application. */
@Command(
    name = ProgramName.COMMAND,
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description =
        "Publish a CERT's weekly security bulletin as HTML, archival PDF, web archive and email.")
public final class Main implements Runnable {

  @Mixin ExitCodes.All exitCodes;

  /**
   * The commands, in the order {@code --help} lists them. A command line holds only those its
   * arguments can run or list (see {@link #commandsFor}): picocli reads each command's options by
   * reflection when it is added, which took longer than the rest of a short command.
   */
  static final List<Class<?>> COMMANDS =
      List.of(
          ValidateCommand.class,
          BuildCommand.class,
          PublishCommand.class,
          SendCommand.class,
          RunCommand.class,
          ServeCommand.class,
          StatusCommand.class,
          ImportCommand.class,
          NewCommand.class,
          UserCommand.class,
          TokenCommand.class,
          SubscribersCommand.class,
          AuditCommand.class,
          ReviewCommand.class,
          ReportCommand.class,
          BouncesCommand.class);

  @picocli.CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code, without exiting. */
  public static int run(String... args) {
    if (asksOnlyForTheVersion(args)) {
      // in the encoding picocli writes standard output in
      String encoding = System.getProperty("sun.stdout.encoding");
      Charset charset = encoding == null ? Charset.defaultCharset() : Charset.forName(encoding);
      return printVersion(new PrintWriter(new OutputStreamWriter(System.out, charset), true));
    }
    try (ApplicationSource applications = applications()) {
      CommandLine commandLine = withCommandsFor(applications, args);
      return configure(commandLine, commandLine.getOut(), commandLine.getErr()).execute(args);
    }
  }

  /**
   * Runs the command line, printing to {@code out} and {@code err} through a {@link TerminalWriter}
   * each, so that nothing it prints can hide or reorder text on the terminal, and returns its exit
   * code.
   */
  static int run(PrintWriter out, PrintWriter err, String... args) {
    if (asksOnlyForTheVersion(args)) {
      return printVersion(out);
    }
    try (ApplicationSource applications = applications()) {
      return configure(withCommandsFor(applications, args), out, err).execute(args);
    }
  }

  /** The application the command runs on: this process's environment and the system clock. */
  private static ApplicationSource applications() {
    return new ApplicationSource(System.getenv(), Clock.systemUTC());
  }

  /**
   * Runs the command line as {@link #run(PrintWriter, PrintWriter, String...)} does, with its
   * commands made by {@code factory} (a test's, handing them their standard input and environment).
   */
  static int run(PrintWriter out, PrintWriter err, CommandLine.IFactory factory, String... args) {
    return configure(withCommandsFor(factory, args), out, err).execute(args);
  }

  /** Whether {@code args} are {@code --version} (or {@code -V}) and nothing else. */
  private static boolean asksOnlyForTheVersion(String... args) {
    return args.length > 0
        && Arrays.stream(args).allMatch(arg -> arg.equals("-V") || arg.equals("--version"));
  }

  /**
   * Prints what picocli prints for {@code --version}, without the command line it would build
   * first: the one answer that needs no command, and the one people expect at once.
   */
  private static int printVersion(PrintWriter out) {
    PrintWriter terminal = new PrintWriter(new TerminalWriter(out), true);
    for (String line : new Version().getVersion()) {
      terminal.println(line);
    }
    return ExitCode.OK;
  }

  /**
   * The commands that {@code args} can run or list: the one they name (after {@code --version}, if
   * any); else every one, for the help and for picocli's messages about an argument it does not
   * know.
   */
  static List<Class<?>> commandsFor(String... args) {
    for (String arg : args) {
      if (arg.equals("-V") || arg.equals("--version")) {
        continue;
      }
      // anything else but a command's name before it (-h lists every command) needs them all
      return COMMANDS.stream()
          .filter(command -> command.getAnnotation(Command.class).name().equals(arg))
          .findFirst()
          .<List<Class<?>>>map(List::of)
          .orElse(COMMANDS);
    }
    return COMMANDS;
  }

  private static CommandLine withCommandsFor(ApplicationSource applications, String... args) {
    return withCommandsFor(new CommandFactory(applications), args);
  }

  static CommandLine withCommandsFor(CommandLine.IFactory factory, String... args) {
    CommandLine commandLine = new CommandLine(new Main(), factory);
    for (Class<?> command : commandsFor(args)) {
      commandLine.addSubcommand(command);
    }
    return commandLine;
  }

  /** {@code commandLine} with its output, help style and error handling, for itself and below. */
  private static CommandLine configure(CommandLine commandLine, PrintWriter out, PrintWriter err) {
    commandLine.setOut(new PrintWriter(new TerminalWriter(out), true));
    commandLine.setErr(new PrintWriter(new TerminalWriter(err), true));
    // the help's colours are escape sequences, which the terminal writer would show as codes
    commandLine.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
    commandLine.setExecutionExceptionHandler(new Failures());
    commandLine.setParameterExceptionHandler(new UsageErrors());
    return withConverters(commandLine);
  }

  /**
   * {@code commandLine} turning WEEK and format arguments into their types, so that a malformed one
   * is a usage error naming the option or parameter (for itself and the commands below it).
   */
  static CommandLine withConverters(CommandLine commandLine) {
    commandLine.registerConverter(WeekId.class, new WeekConverter());
    commandLine.registerConverter(Format.class, new FormatConverter());
    // the help fits the terminal it is printed on (80 columns when it is not a terminal)
    commandLine.setUsageHelpAutoWidth(true);
    return commandLine;
  }

  // The handlers are classes, not lambdas: a lambda made for one of picocli's interfaces (compiled
  // for Java 5) when the class-data-sharing archive is dumped keeps picocli out of the archive.

  /** A command's failure as {@link #handle} reports it. */
  private static final class Failures implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(
        Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
      return handle(e, commandLine, parseResult);
    }
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** What {@code --version} prints: the version and commit this jar was built from. */
  static final class Version implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
      return new String[] {Release.current().label()};
    }
  }

  /**
   * The one place a command's failure becomes what the user reads and the exit code: bad input and
   * what was not found exit 2, busy 3, a refusal or failure 1; anything else is a defect, reported
   * with its stack trace.
   */
  static int handle(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    if (e instanceof ServiceFailure failure) {
      return handle(failure, commandLine);
    }
    err.println("error: unexpected failure: " + e + " (the stack trace follows; please report it)");
    err.flush();
    log().error("unexpected failure in {}", commandLine.getCommandName(), e);
    return ExitCode.FAILURE;
  }

  private static int handle(ServiceFailure failure, CommandLine commandLine) {
    PrintWriter err = commandLine.getErr();
    if (failure instanceof ServiceFailure.BadInput invalid && !invalid.problems().isEmpty()) {
      invalid.problems().forEach(err::println);
      err.printf(
          Locale.ROOT,
          "%d problem%s; fix the data and try again (%s lists them all)%n",
          invalid.problems().size(),
          invalid.problems().size() == 1 ? "" : "s",
          ProgramName.command("validate"));
      return ExitCode.BAD_INPUT;
    }
    if (failure instanceof ServiceFailure.Busy) {
      err.println("busy: " + failure.getMessage());
      return ExitCode.BUSY;
    }
    err.println("error: " + failure.getMessage());
    if (failure.getCause() != null) {
      log().debug("{} failed", commandLine.getCommandName(), failure.getCause());
    }
    boolean refusedInput =
        failure instanceof ServiceFailure.BadInput
            || failure instanceof ServiceFailure.NotFound
            || failure instanceof ServiceFailure.Conflict;
    return refusedInput ? ExitCode.BAD_INPUT : ExitCode.FAILURE;
  }

  /**
   * The logger, asked for only when a failure is logged: setting up logging costs more than a
   * command such as {@code --version} takes.
   */
  private static Logger log() {
    return LoggerFactory.getLogger(Main.class);
  }
}
