package org.certbulletin.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.certbulletin.model.DeliveryReport;
import org.certbulletin.model.ProgramName;
import org.certbulletin.model.WeekId;
import org.certbulletin.service.Application;
import org.certbulletin.service.SendOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cert-bulletin send WEEK --list NAME}: emails a list its edition, exactly once per
 * recipient.
 */
@Command(
    name = "send",
    mixinStandardHelpOptions = true,
    description = {
      "Email the week's edition to a distribution list: only recipients the delivery ledger shows"
          + " as still due, so it can be run again at any time.",
      "Without SMTP settings, or with --dry-run, messages are written to out/outbox/WEEK/LIST/"
          + " instead."
    })
final class SendCommand implements Callable<Integer> {

  @Mixin ExitCodes.Stoppable exitCodes;

  private final ApplicationSource applications;

  SendCommand(ApplicationSource applications) {
    this.applications = applications;
  }

  @Spec CommandSpec spec;

  @Mixin WorkspaceOptions options;

  @Parameters(paramLabel = "WEEK", description = "Week to send, like 2024-W51.")
  WeekId week;

  @Option(
      names = "--list",
      required = true,
      paramLabel = "NAME",
      description = "The distribution list (from config.json).")
  String list;

  @Option(
      names = "--dry-run",
      description = "Write the messages to out/outbox instead of sending; records nothing.")
  boolean dryRun;

  @Option(
      names = "--resend-uncertain",
      description =
          "Queue again the recipients whose outcome is unknown (a run stopped mid-send) and send to"
              + " them.")
  boolean resendUncertain;

  @Option(
      names = "--outbox-limit",
      paramLabel = "MB",
      description =
          "Refuse to write more than this many megabytes of messages to the outbox (default"
              + " ${DEFAULT-VALUE}) unless --force is given.",
      defaultValue = "500")
  long outboxLimitMb;

  @Option(
      names = "--force",
      description = "Write the outbox however large it gets (see --outbox-limit).")
  boolean force;

  private long outboxLimitBytes() {
    if (outboxLimitMb < 0) {
      throw new ParameterException(spec.commandLine(), "--outbox-limit must be 0 or more");
    }
    return Math.multiplyExact(outboxLimitMb, 1000L * 1000);
  }

  @Override
  @SuppressWarnings("try") // the registration is held for the send, never read
  public Integer call() throws Exception {
    WeekId id = week;
    Application application = applications.open(options);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    // SIGTERM and Ctrl-C ask the send to stop before its next message instead of shutting the JVM
    // down under it (which closed the state database while a delivery was being recorded)
    AtomicBoolean stopping = new AtomicBoolean();
    DeliveryReport report;
    // a second signal means "now": the process ends at once, as a kill would (at most the one
    // delivery in flight is left uncertain)
    Runnable stop =
        () -> {
          if (stopping.getAndSet(true)) {
            err.println("stopping now (second signal)");
            err.flush();
            Runtime.getRuntime().halt(ExitCode.STOPPED);
          }
        };
    try (Signals.Registration signals = Signals.onTermination(stop)) {
      report =
          application
              .bulletins(AccessCommands.operator(), AccessCommands.FROM)
              .send(
                  id,
                  list,
                  new SendOptions(
                      dryRun,
                      resendUncertain,
                      application.environment(),
                      application.clock(),
                      outboxLimitBytes(),
                      force,
                      stopping::get));
    }
    if (report.outbox().isPresent()) {
      int written = report.recipients() - report.deferred().size();
      out.printf(
          Locale.ROOT,
          "%s %s (%s): %d message%s written to %s%s; nothing sent%n",
          report.week(),
          report.list(),
          report.edition().label(),
          written,
          written == 1 ? "" : "s",
          report.outbox().get(),
          dryRun ? " (dry run)" : " (no smtp settings in config.json)");
      if (stopping.get()) {
        err.printf(
            Locale.ROOT,
            "stopped by a signal: %d of %d messages written to %s%s; run the same command again"
                + " to write them all%n",
            written,
            report.recipients(),
            report.outbox().get(),
            report.deferred().isEmpty() ? "" : ", the outbox is incomplete");
        return ExitCode.STOPPED;
      }
      return ExitCode.OK;
    }
    report
        .correction()
        .ifPresent(
            c ->
                out.printf(
                    Locale.ROOT,
                    "%s %s: correction, version %d, to the %d recipient(s) sent an earlier"
                        + " version%s%n",
                    report.week(),
                    report.list(),
                    c.version(),
                    c.earlierRecipients(),
                    report.sent() == 0 && report.deferred().isEmpty()
                        ? ": nothing left to send"
                        : ""));
    out.printf(
        Locale.ROOT,
        "%s %s (%s): %d recipients: %d sent now, %d already sent, %d failed, %d still due, %d"
            + " uncertain%n",
        report.week(),
        report.list(),
        report.edition().label(),
        report.recipients(),
        report.sent(),
        report.alreadySent(),
        report.failed().size(),
        report.deferred().size(),
        report.uncertain().size());
    report
        .failed()
        .forEach(
            (recipient, reason) ->
                err.printf(Locale.ROOT, "failed    %s: %s%n", recipient, reason));
    // the uncertain ones first, also on a stop: they are what an operator must look up
    report
        .uncertain()
        .forEach(
            recipient ->
                err.printf(
                    Locale.ROOT,
                    "uncertain %s: the run stopped before the server's answer was recorded; check"
                        + " the mail log for this Message-ID, then send again with '%s' if it is"
                        + " missing%n",
                    recipient,
                    ProgramName.command(
                        "send "
                            + report.week()
                            + " --list "
                            + report.list()
                            + " --resend-uncertain")));
    if (stopping.get()) {
      err.printf(
          Locale.ROOT,
          "stopped by a signal: every message the server accepted is recorded as sent, the next"
              + " one is back in the queue; run the same command again to send to the %d still"
              + " due%n",
          report.deferred().size());
      return ExitCode.STOPPED;
    }
    report
        .deferred()
        .forEach(
            (recipient, reason) ->
                err.printf(Locale.ROOT, "still due %s: %s%n", recipient, reason));
    if (!report.deferred().isEmpty()) {
      err.println("run the same command again later to send to the recipients still due");
    }
    return report.complete() ? ExitCode.OK : ExitCode.FAILURE;
  }
}
