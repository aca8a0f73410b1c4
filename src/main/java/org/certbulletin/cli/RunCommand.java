package org.certbulletin.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.certbulletin.model.WeekId;
import org.certbulletin.service.Application;
import org.certbulletin.service.HttpServing;
import org.certbulletin.service.RunResult;
import org.certbulletin.service.RunningDaemon;
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
          + " downtime, retry failed runs.",
      "Stop it with SIGTERM or Ctrl-C; a running job may finish first."
    })
final class RunCommand implements Callable<Integer> {

  @Mixin ExitCodes.Stoppable exitCodes;

  private final ApplicationSource applications;

  RunCommand(ApplicationSource applications) {
    this.applications = applications;
  }

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

  @Option(
      names = "--week",
      paramLabel = "WEEK",
      description =
          "With --once: run the firing that publishes WEEK (the schedule's firing in the week"
              + " after it) instead of the week due now, e.g. 2024-W51 for the sample.")
  WeekId week;

  @Option(
      names = "--dry-run",
      description =
          "With --once: rehearse the firing without the scheduler: publish, then write each"
              + " list's messages to out/outbox/ instead of sending them (even with smtp"
              + " settings); nobody is emailed.")
  boolean dryRun;

  @Override
  public Integer call() throws Exception {
    if (now && once) {
      throw new ParameterException(spec.commandLine(), "use --now or --once, not both");
    }
    if (!once && (week != null || dryRun)) {
      throw new ParameterException(
          spec.commandLine(),
          (week != null ? "--week" : "--dry-run")
              + " runs one firing and goes with --once, e.g. run --once --week 2024-W51"
              + " --dry-run");
    }
    Optional<WeekId> requested = Optional.ofNullable(week);
    if (dryRun) {
      return rehearse(requested);
    }
    Optional<Instant> firing = requested.map(this::firingFor);
    PrintWriter out = spec.commandLine().getOut();
    RunningDaemon daemon = applications.open(options).scheduling().start();
    Thread hook = new Thread(daemon::close, "cert-bulletin-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    // SIGTERM and SIGINT stop the daemon before the JVM starts shutting down: a job still running
    // needs
    // the whole JVM (fonts, for one, are torn down by the JVM's own shutdown hooks).
    var unusedSignals = Signals.onTermination(daemon::close); // for the life of the process
    if (once) {
      out.println(daemon.identity());
      out.flush();
      RunResult result = (firing.isPresent() ? daemon.runNow(firing.get()) : daemon.runNow()).get();
      daemon.close();
      Runtime.getRuntime().removeShutdownHook(hook);
      print(out, result);
      out.println(daemon.stopSummary());
      return result.succeeded() ? ExitCode.OK : ExitCode.FAILURE;
    }
    if (now) {
      var unused = daemon.runNow(); // the run records and reports its own outcome
    }
    daemon.intentions().forEach(out::println);
    Optional<HttpServing.Running> server = serveIfConfigured(daemon);
    out.flush();
    daemon.awaitStopped();
    server.ifPresent(HttpServing.Running::close);
    out.println(daemon.stopSummary());
    out.flush();
    return ExitCode.OK;
  }

  /**
   * The HTTP API beside the scheduler when {@code config.json} has {@code "http"}; the daemon is
   * stopped again if the API cannot start (a port in use), so that nothing half runs.
   */
  private Optional<HttpServing.Running> serveIfConfigured(RunningDaemon daemon) {
    Application application = applications.open(options);
    Optional<String> listen =
        application.bulletins(AccessCommands.operator(), AccessCommands.FROM).httpListen();
    if (listen.isEmpty()) {
      return Optional.empty();
    }
    try {
      application.access();
      HttpServing.Running server = application.http().start(listen.get(), Optional.empty());
      spec.commandLine().getOut().printf(Locale.ROOT, "listening on %s%n", server.address());
      return Optional.of(server);
    } catch (RuntimeException e) {
      daemon.close();
      throw e;
    }
  }

  /**
   * {@code run --once --dry-run}: one firing rehearsed without the scheduler, the messages written
   * to the outbox.
   */
  @SuppressWarnings("try") // the registration is held for the rehearsal, never read
  private int rehearse(Optional<WeekId> requested) throws Exception {
    requested.ifPresent(this::firingFor); // a week that has not ended is a usage error
    PrintWriter out = spec.commandLine().getOut();
    AtomicBoolean stopping = new AtomicBoolean();
    out.printf(
        Locale.ROOT,
        "rehearsing the firing that publishes %s: publish to %s, then write each list's messages"
            + " to %s instead of sending them%n",
        requested.map(WeekId::toString).orElse("the week due now"),
        options.out.resolve("site"),
        options.out.resolve("outbox"));
    out.flush();
    List<RunResult> runs;
    // SIGTERM or Ctrl-C stops the rehearsal after the run in progress; a second one stops it now
    // (a publish is atomic, so the archive stays whole)
    Runnable stop =
        () -> {
          if (stopping.getAndSet(true)) {
            Runtime.getRuntime().halt(ExitCode.STOPPED);
          }
        };
    try (Signals.Registration signals = Signals.onTermination(stop)) {
      runs =
          applications
              .open(options)
              .scheduling()
              .rehearse(
                  requested,
                  stopping::get,
                  run -> {
                    print(out, run);
                    out.flush();
                  });
    }
    long failed = runs.stream().filter(r -> !r.succeeded()).count();
    out.printf(
        Locale.ROOT,
        "rehearsal %s: %d run%s, %d failed; nothing was sent%n",
        stopping.get() ? "stopped by a signal" : "done",
        runs.size(),
        runs.size() == 1 ? "" : "s",
        failed);
    return stopping.get() ? ExitCode.STOPPED : failed == 0 ? ExitCode.OK : ExitCode.FAILURE;
  }

  private Instant firingFor(WeekId requested) {
    try {
      return applications.open(options).scheduling().firingFor(requested);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--week: " + e.getMessage());
    }
  }

  private static void print(PrintWriter out, RunResult result) {
    out.printf(
        Locale.ROOT,
        "run %d for %s %s: %s%n",
        result.runId(),
        result.week(),
        result.succeeded() ? "succeeded" : "FAILED",
        result.detail());
  }
}
