package org.certbulletin.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.certbulletin.model.ProgramName;
import org.certbulletin.model.ReviewAct;
import org.certbulletin.model.WeekId;
import org.certbulletin.model.WeekReview;
import org.certbulletin.model.WeekVersion;
import org.certbulletin.service.Bulletins;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cert-bulletin review submit|approve|reject|show WEEK}: a week's way to approval. The shell
 * user acts as {@code cli:USER}, so four eyes hold between two shell accounts as between two people
 * signed in.
 */
@Command(
    name = "review",
    mixinStandardHelpOptions = true,
    description =
        "Submit a week for review, approve or reject it, or show where it stands. With"
            + " \"approval\" in config.json, only an approved week is published and sent, exactly"
            + " as approved.")
final class ReviewCommand implements Runnable {

  @Mixin ExitCodes.Group exitCodes;

  private final ApplicationSource applications;

  ReviewCommand(ApplicationSource applications) {
    this.applications = applications;
  }

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "submit",
      mixinStandardHelpOptions = true,
      description =
          "Submit WEEK for review as its file is now; its content is frozen until a reviewer"
              + " approves or rejects it. For a published week, this submits a correction.")
  int submit(
      @Mixin ExitCodes.Standard exitCodes,
      @Mixin WorkspaceOptions options,
      @Parameters(paramLabel = "WEEK", description = "The week, like 2024-W51.") WeekId week,
      @Option(
              names = "--note",
              paramLabel = "TEXT",
              description =
                  "What this version is, for the reviewer; for a correction, what changed and why"
                      + " (shown to readers).")
          String note) {
    WeekVersion version = bulletins(options).submit(week, Optional.ofNullable(note));
    out()
        .printf(
            Locale.ROOT,
            "%s version %d submitted for review; a reviewer approves it with: %s%n",
            week,
            version.number(),
            ProgramName.command("review approve " + week));
    return ExitCode.OK;
  }

  @Command(
      name = "approve",
      mixinStandardHelpOptions = true,
      description =
          "Approve WEEK as submitted: what is published and sent is exactly this content, at its"
              + " release time (release_at) or the next publish, whichever is later.")
  int approve(
      @Mixin ExitCodes.Standard exitCodes,
      @Mixin WorkspaceOptions options,
      @Parameters(paramLabel = "WEEK", description = "The week, like 2024-W51.") WeekId week) {
    WeekVersion version = bulletins(options).approve(week);
    out()
        .printf(
            Locale.ROOT,
            "%s version %d approved%s%n",
            week,
            version.number(),
            version.releaseAt().map(r -> "; released at " + r).orElse(""));
    return ExitCode.OK;
  }

  @Command(
      name = "reject",
      mixinStandardHelpOptions = true,
      description = "Send WEEK back to its editors with a reason.")
  int reject(
      @Mixin ExitCodes.Standard exitCodes,
      @Mixin WorkspaceOptions options,
      @Parameters(paramLabel = "WEEK", description = "The week, like 2024-W51.") WeekId week,
      @Option(
              names = "--reason",
              required = true,
              paramLabel = "TEXT",
              description = "What the editors must change.")
          String reason) {
    WeekVersion version = bulletins(options).reject(week, reason);
    out()
        .printf(
            Locale.ROOT, "%s version %d sent back to draft: %s%n", week, version.number(), reason);
    return ExitCode.OK;
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Show where WEEK stands in review, and who did what to each version.")
  int show(
      @Mixin ExitCodes.Standard exitCodes,
      @Mixin WorkspaceOptions options,
      @Parameters(paramLabel = "WEEK", description = "The week, like 2024-W51.") WeekId week) {
    WeekReview review = bulletins(options).review(week);
    print(review, out());
    return ExitCode.OK;
  }

  static void print(WeekReview review, PrintWriter out) {
    out.printf(
        Locale.ROOT,
        "%s: %s%s%s%n",
        review.week(),
        review.state().code(),
        review.changedOnDisk() ? " (the file changed since it was submitted)" : "",
        review.approvalRequired() ? "" : " (approval not required by config.json)");
    for (WeekVersion v : review.versions()) {
      out.printf(Locale.ROOT, "  version %d: %s%n", v.number(), v.status().code());
      line(out, "edited by", v.edited());
      line(out, "submitted by", v.submitted());
      v.note().ifPresent(n -> out.printf(Locale.ROOT, "    note: %s%n", n));
      line(out, "approved by", v.approved());
      v.releaseAt().ifPresent(r -> out.printf(Locale.ROOT, "    release at %s%n", r));
      line(out, "published by", v.published());
      line(out, "rejected by", v.rejected());
      v.rejection().ifPresent(r -> out.printf(Locale.ROOT, "    reason: %s%n", r));
      v.contentHash().ifPresent(h -> out.printf(Locale.ROOT, "    content sha256 %s%n", h));
    }
  }

  private static void line(PrintWriter out, String what, Optional<ReviewAct> act) {
    act.ifPresent(a -> out.printf(Locale.ROOT, "    %s %s at %s%n", what, a.by(), time(a.at())));
  }

  private static String time(Instant at) {
    return AccessCommands.time(at);
  }

  private Bulletins bulletins(WorkspaceOptions options) {
    return applications.open(options).bulletins(AccessCommands.operator(), AccessCommands.FROM);
  }

  private PrintWriter out() {
    return spec.commandLine().getOut();
  }
}
