package org.certbulletin.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.certbulletin.schedule.Daemon;
import org.certbulletin.schedule.RunResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code cert-bulletin run}: the scheduler daemon. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run the scheduler daemon: publish on the schedule in config.json, catch up once after"
          + " downtime,",
      "retry failed runs. Stop it with SIGTERM or Ctrl-C; a running job may finish first."
    })
final class RunCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin WorkspaceOptions options;

  @Option(
      names = "--now",
      description = "Also run the publishing job right away, then keep running.")
  boolean now;

  @Option(
      names = "--once",
      description = "Run the publishing job once now, wait for it, and exit with its outcome.")
  boolean once;

  @Override
  public Integer call() throws Exception {
    if (now && once) {
      throw new ParameterException(spec.commandLine(), "use --now or --once, not both");
    }
    PrintWriter out = spec.commandLine().getOut();
    Daemon daemon = Daemon.start(options.workspace(), Daemon.Options.defaults());
    Thread hook = new Thread(daemon::close, "cert-bulletin-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    // SIGTERM and SIGINT stop the daemon before the JVM starts shutting down: a job still running
    // needs
    // the whole JVM (fonts, for one, are torn down by the JVM's own shutdown hooks).
    var unusedSignals = Signals.onTermination(daemon::close); // for the life of the process
    if (once) {
      RunResult result = daemon.runNow().get();
      daemon.close();
      Runtime.getRuntime().removeShutdownHook(hook);
      out.printf(
          Locale.ROOT,
          "run %d for %s %s: %s%n",
          result.runId(),
          result.week(),
          result.succeeded() ? "succeeded" : "FAILED",
          result.detail());
      return result.succeeded() ? ExitCode.OK : ExitCode.FAILURE;
    }
    if (now) {
      var unused = daemon.runNow(); // the run records and reports its own outcome
    }
    out.printf(
        Locale.ROOT,
        "daemon running ('%s' in %s); stop with SIGTERM or Ctrl-C%n",
        daemon.schedule().cron(),
        daemon.schedule().zone());
    out.flush();
    daemon.awaitStopped();
    return ExitCode.OK;
  }
}
