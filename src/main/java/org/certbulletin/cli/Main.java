package org.certbulletin.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Locale;
import org.certbulletin.files.IoFailures;
import org.certbulletin.files.LockHeldException;
import org.certbulletin.imports.ImportException;
import org.certbulletin.model.InvalidDataException;
import org.certbulletin.model.ProgramName;
import org.certbulletin.model.Release;
import org.certbulletin.render.RenderException;
import org.certbulletin.store.StateUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code cert-bulletin} command: the composition root of the application. */
@Command(
    name = ProgramName.COMMAND,
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description =
        "Publish a CERT's weekly security bulletin as HTML, archival PDF, web archive and email.",
    subcommands = {
      ValidateCommand.class,
      BuildCommand.class,
      PublishCommand.class,
      SendCommand.class,
      RunCommand.class,
      StatusCommand.class,
      ImportCommand.class,
      NewCommand.class
    })
public final class Main implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(Main.class);

  @picocli.CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code, without exiting. */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  /** The command line, printing to standard output and error. */
  static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new Main());
    return commandLine(commandLine, commandLine.getOut(), commandLine.getErr());
  }

  /**
   * The command line, printing to {@code out} and {@code err} through a {@link TerminalWriter}
   * each, so that nothing it prints can hide or reorder text on the terminal.
   */
  static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    return commandLine(new CommandLine(new Main()), out, err);
  }

  private static CommandLine commandLine(
      CommandLine commandLine, PrintWriter out, PrintWriter err) {
    commandLine.setOut(new PrintWriter(new TerminalWriter(out), true));
    commandLine.setErr(new PrintWriter(new TerminalWriter(err), true));
    // the help's colours are escape sequences, which the terminal writer would show as codes
    commandLine.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
    commandLine.setExecutionExceptionHandler(Main::handle);
    commandLine.setParameterExceptionHandler(
        (e, arguments) -> {
          PrintWriter usage = e.getCommandLine().getErr();
          usage.println("error: " + e.getMessage());
          usage.println("see: " + e.getCommandLine().getCommandSpec().qualifiedName() + " --help");
          return ExitCode.BAD_INPUT;
        });
    return commandLine;
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

  static int handle(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    if (e instanceof InvalidDataException invalid) {
      invalid.problems().forEach(err::println);
      err.printf(
          Locale.ROOT,
          "%d problem%s; fix the data and try again (%s lists them all)%n",
          invalid.problems().size(),
          invalid.problems().size() == 1 ? "" : "s",
          ProgramName.command("validate"));
      return ExitCode.BAD_INPUT;
    }
    if (e instanceof ImportException refused) {
      err.println("error: " + refused.getMessage());
      return ExitCode.BAD_INPUT;
    }
    if (e instanceof LockHeldException busy) {
      err.println("busy: " + busy.getMessage());
      return ExitCode.BUSY;
    }
    if (e instanceof IOException || e instanceof UncheckedIOException) {
      err.println("error: " + IoFailures.describe(e));
      log.debug("{} failed", commandLine.getCommandName(), e);
      return ExitCode.FAILURE;
    }
    if (e instanceof RenderException || e instanceof StateUnavailableException) {
      err.println("error: " + e.getMessage());
      log.debug("{} failed", commandLine.getCommandName(), e);
      return ExitCode.FAILURE;
    }
    err.println("error: unexpected failure: " + e + " (the stack trace follows; please report it)");
    err.flush();
    log.error("unexpected failure in {}", commandLine.getCommandName(), e);
    return ExitCode.FAILURE;
  }
}
