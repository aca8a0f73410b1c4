package org.certbulletin.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.certbulletin.service.BounceOutcome;
import org.certbulletin.service.Bounces;
import org.certbulletin.service.MailboxRead;
import org.certbulletin.service.ServiceFailure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cert-bulletin bounces}: one message of the bounce mailbox from standard input (a mail
 * server's pipe), or the IMAP mailbox read once ({@code --imap}).
 */
@Command(
    name = "bounces",
    mixinStandardHelpOptions = true,
    description = {
      "Process a bounce or an unsubscribe message piped from the mail server (/etc/aliases:"
          + " \"|/usr/local/bin/cert-bulletin-bounces\", a script that reads the secrets file"
          + " first: the operator's guide, Bounces and unsubscribe mail), or, with --imap, every"
          + " message of the bounce mailbox of config.json (password from"
          + " CERT_BULLETIN_IMAP_PASSWORD).",
      "A hard bounce, or bounces.soft_limit soft ones in a row, suspends the address on its list.",
      "A message processed or deliberately ignored exits with 0, one that cannot be read with 2,"
          + " one that cannot be recorded now with 75 (EX_TEMPFAIL: the mail server keeps it and"
          + " tries again)."
    })
final class BouncesCommand implements Callable<Integer> {

  @Mixin ExitCodes.Bounces exitCodes;

  private final ApplicationSource applications;

  BouncesCommand(ApplicationSource applications) {
    this.applications = applications;
  }

  @Spec CommandSpec spec;

  @Mixin WorkspaceOptions options;

  @Option(
      names = "--imap",
      description = "Read the IMAP mailbox of config.json once instead of standard input.")
  boolean imap;

  @Override
  public Integer call() {
    Bounces bounces = applications.open(options).bounces();
    PrintWriter out = spec.commandLine().getOut();
    if (imap) {
      MailboxRead read = bounces.readMailbox();
      read.outcomes().stream().map(BounceOutcome::line).forEach(out::println);
      read.kept().forEach(out::println);
      out.println(read.summary());
      return ExitCode.OK;
    }
    try {
      out.println(bounces.receive(System.in).line());
    } catch (ServiceFailure.Failed | ServiceFailure.Busy e) {
      spec.commandLine()
          .getErr()
          .println("error: " + e.getMessage() + "; the mail server will try again later");
      return ExitCode.TEMPORARY;
    }
    return ExitCode.OK;
  }
}
