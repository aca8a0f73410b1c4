package org.certbulletin.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.certbulletin.model.DistributionList;
import org.certbulletin.model.Printable;
import org.certbulletin.model.ProgramName;
import org.certbulletin.model.Subscriber;
import org.certbulletin.model.Subscriber.Status;
import org.certbulletin.service.Failures;
import org.certbulletin.service.ServiceFailure;
import org.certbulletin.service.SubscriberExport;
import org.certbulletin.service.Subscriptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cert-bulletin subscribers import|export|list|approve|reject|resume|add|remove}: the lists'
 * subscribers in the state database, for an operator at the shell ({@code cli:USER} in the audit
 * log).
 */
@Command(
    name = "subscribers",
    mixinStandardHelpOptions = true,
    description =
        "The distribution lists' subscribers in the state database: import the recipients files,"
            + " export, list, decide requests for vetted lists, resume suspended addresses, add"
            + " or remove one address by hand.")
final class SubscribersCommand implements Runnable {

  @Mixin ExitCodes.Group exitCodes;

  private static final String STATUSES =
      "unconfirmed, awaiting-approval, active, suspended, unsubscribed, rejected";

  private static final String ROW = "%-6s %-18s %-18s %-36s %s%n";

  private final ApplicationSource applications;

  SubscribersCommand(ApplicationSource applications) {
    this.applications = applications;
  }

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      description =
          "Copy the addresses config.json and the recipients file give a list (every list with"
              + " some, without --list) into the state database as active subscribers. An address"
              + " there already is left as it is; the file is left as it is and still read.")
  int importRecipients(
      @Mixin ExitCodes.Standard exitCodes,
      @Mixin WorkspaceOptions options,
      @Option(names = "--list", paramLabel = "NAME", description = "Only this list.") String list) {
    List<Subscriptions.Imported> imported =
        call(
            () ->
                applications
                    .open(options)
                    .importSubscribers(
                        AccessCommands.operator(), AccessCommands.FROM, Optional.ofNullable(list)));
    PrintWriter out = out();
    if (imported.isEmpty()) {
      out.println("no list has recipients in config.json or a recipients file: nothing imported");
      return ExitCode.OK;
    }
    for (Subscriptions.Imported each : imported) {
      out.printf(
          Locale.ROOT,
          "%s: %d added, %d there already (%d addresses)%n",
          each.list(),
          each.added(),
          each.present(),
          each.total());
    }
    out.println(
        "the recipients file is still read; you may remove it from config.json once you no longer"
            + " edit it");
    return ExitCode.OK;
  }

  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description = {
        "Write the subscribers with every field (list, address, status, origin, language, format,"
            + " sectors, products, organisation, soft bounces, reason, decided by, created,"
            + " confirmed, updated) as CSV or JSON, to standard output or a file (written whole"
            + " or not at all).",
        "A CSV cell that a spreadsheet would run as a formula (=, +, -, @ first) starts with an"
            + " apostrophe; the JSON holds every value as it is."
      })
  int export(
      @Mixin ExitCodes.Standard exitCodes,
      @Mixin WorkspaceOptions options,
      @Option(names = "--list", paramLabel = "NAME", description = "Only this list.") String list,
      @Option(
              names = "--status",
              paramLabel = "STATUS",
              split = ",",
              converter = StatusConverter.class,
              description = "Only these statuses, separated by commas: " + STATUSES + ".")
          List<Status> statuses,
      @Option(
              names = "--format",
              paramLabel = "FORMAT",
              defaultValue = "csv",
              converter = ExportFormatConverter.class,
              description = "csv or json (default: ${DEFAULT-VALUE}).")
          SubscriberExport.Format format,
      @Option(
              names = "--output",
              paramLabel = "FILE",
              description = "Write to FILE instead of standard output.")
          Path output) {
    Subscriptions.Exported exported =
        call(
            () ->
                subscriptions(options)
                    .export(
                        AccessCommands.operator(),
                        AccessCommands.FROM,
                        Optional.ofNullable(list),
                        statuses(statuses),
                        format,
                        Optional.ofNullable(output)));
    if (output == null) {
      out().print(exported.text());
      out().flush();
    } else {
      spec.commandLine()
          .getErr()
          .printf(
              Locale.ROOT,
              "exported %d subscriber%s to %s%n",
              exported.subscribers(),
              exported.subscribers() == 1 ? "" : "s",
              output);
    }
    return ExitCode.OK;
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description =
          "List the subscribers (id, list, status, address, organisation), then how many each"
              + " list has of each status. Lists above your clearance are left out.")
  int list(
      @Mixin ExitCodes.Standard exitCodes,
      @Mixin WorkspaceOptions options,
      @Option(names = "--list", paramLabel = "NAME", description = "Only this list.") String list,
      @Option(
              names = "--status",
              paramLabel = "STATUS",
              split = ",",
              converter = StatusConverter.class,
              description = "Only these statuses, separated by commas: " + STATUSES + ".")
          List<Status> statuses) {
    List<Subscriber> found =
        call(
            () ->
                subscriptions(options)
                    .list(
                        AccessCommands.operator(),
                        AccessCommands.FROM,
                        Optional.ofNullable(list),
                        statuses(statuses)));
    PrintWriter out = out();
    if (found.isEmpty()) {
      out.println(
          list == null && statuses == null
              ? "no subscribers; copy a list's recipients file in with: "
                  + ProgramName.COMMAND
                  + " subscribers import"
              : "no subscribers "
                  + (list == null ? "" : "on " + list + " ")
                  + (statuses == null
                      ? ""
                      : "with status "
                          + statuses.stream().map(Status::code).collect(Collectors.joining(" or ")))
                  + "; drop --list or --status to see every subscriber");
      return ExitCode.OK;
    }
    out.printf(Locale.ROOT, ROW, "ID", "LIST", "STATUS", "ADDRESS", "ORGANISATION");
    Map<String, Map<Status, Integer>> counts = new LinkedHashMap<>();
    for (Subscriber s : found) {
      out.printf(
          Locale.ROOT,
          ROW,
          s.id(),
          s.list(),
          s.status().code(),
          s.address(),
          s.organisation().map(o -> Printable.of(o, 40)).orElse("-"));
      counts
          .computeIfAbsent(s.list(), k -> new java.util.EnumMap<>(Status.class))
          .merge(s.status(), 1, Integer::sum);
    }
    out.println();
    counts.forEach(
        (name, byStatus) ->
            out.println(
                name
                    + ": "
                    + byStatus.entrySet().stream()
                        .map(e -> e.getValue() + " " + e.getKey().code())
                        .collect(Collectors.joining(", "))));
    return ExitCode.OK;
  }

  @Command(
      name = "approve",
      mixinStandardHelpOptions = true,
      description = "Approve the request ID to join a vetted list: the address is mailed from now.")
  int approve(
      @Mixin ExitCodes.Standard exitCodes,
      @Mixin WorkspaceOptions options,
      @Parameters(paramLabel = "ID", description = "The request, as subscribers list shows it.")
          long id) {
    Subscriber approved =
        call(
            () ->
                subscriptions(options)
                    .decide(AccessCommands.operator(), AccessCommands.FROM, id, true, null));
    out().printf(Locale.ROOT, "approved subscriber %d of %s%n", approved.id(), approved.list());
    return ExitCode.OK;
  }

  @Command(
      name = "reject",
      mixinStandardHelpOptions = true,
      description =
          "Reject the request ID to join a vetted list, with a reason (kept, and in the audit"
              + " log). The address is not mailed, and asking again mails it nothing.")
  int reject(
      @Mixin ExitCodes.Standard exitCodes,
      @Mixin WorkspaceOptions options,
      @Parameters(paramLabel = "ID", description = "The request, as subscribers list shows it.")
          long id,
      @Option(
              names = "--reason",
              required = true,
              paramLabel = "TEXT",
              description = "Why the request is rejected.")
          String reason) {
    Subscriber rejected =
        call(
            () ->
                subscriptions(options)
                    .decide(AccessCommands.operator(), AccessCommands.FROM, id, false, reason));
    out()
        .printf(
            Locale.ROOT,
            "rejected subscriber %d of %s: %s%n",
            rejected.id(),
            rejected.list(),
            rejected.reason().orElse(""));
    return ExitCode.OK;
  }

  @Command(
      name = "resume",
      mixinStandardHelpOptions = true,
      description =
          "Resume the suspended subscriber ID (a bounce suspended it): it is mailed again, its"
              + " soft bounces forgotten.")
  int resume(
      @Mixin ExitCodes.Standard exitCodes,
      @Mixin WorkspaceOptions options,
      @Parameters(paramLabel = "ID", description = "The subscriber, as subscribers list shows it.")
          long id) {
    Subscriber resumed =
        call(
            () ->
                subscriptions(options).resume(AccessCommands.operator(), AccessCommands.FROM, id));
    out().printf(Locale.ROOT, "resumed subscriber %d of %s%n", resumed.id(), resumed.list());
    return ExitCode.OK;
  }

  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description =
          "Add ADDRESS to a list by hand, active at once (your word stands for its confirmation),"
              + " in the audit log. It gets everything; the subscriber may choose later.")
  int add(
      @Mixin ExitCodes.Standard exitCodes,
      @Mixin WorkspaceOptions options,
      @Option(names = "--list", required = true, paramLabel = "NAME", description = "The list.")
          String list,
      @Parameters(paramLabel = "ADDRESS", description = "The email address.") String address,
      @Option(
              names = "--language",
              paramLabel = "TAG",
              description = "The edition it gets, like en or zh-CN (default: the list's).")
          String language,
      @Option(
              names = "--format",
              paramLabel = "FORMAT",
              converter = ListFormatConverter.class,
              description = "html or text (default: the list's).")
          DistributionList.Format format) {
    Subscriber added =
        call(
            () ->
                subscriptions(options)
                    .add(
                        AccessCommands.operator(),
                        AccessCommands.FROM,
                        list,
                        address,
                        Optional.ofNullable(language).map(Locale::forLanguageTag),
                        Optional.ofNullable(format)));
    out()
        .printf(
            Locale.ROOT,
            "added %s to %s as subscriber %d%n",
            added.address(),
            added.list(),
            added.id());
    return ExitCode.OK;
  }

  @Command(
      name = "remove",
      mixinStandardHelpOptions = true,
      description =
          "Take ADDRESS off a list by hand, as if it had unsubscribed: it is not mailed again,"
              + " even if a recipients file names it.")
  int remove(
      @Mixin ExitCodes.Standard exitCodes,
      @Mixin WorkspaceOptions options,
      @Option(names = "--list", required = true, paramLabel = "NAME", description = "The list.")
          String list,
      @Parameters(paramLabel = "ADDRESS", description = "The email address.") String address) {
    call(
        () -> {
          subscriptions(options)
              .remove(AccessCommands.operator(), AccessCommands.FROM, list, address);
          return null;
        });
    out().printf(Locale.ROOT, "removed %s from %s: it is not mailed again%n", address, list);
    return ExitCode.OK;
  }

  private Subscriptions subscriptions(WorkspaceOptions options) {
    return applications.open(options).subscriptions();
  }

  /**
   * What {@code work} gives; the state database's or a file's failure as the service's (exit 1),
   * not as a defect.
   */
  private static <T> T call(Supplier<T> work) {
    try {
      return work.get();
    } catch (ServiceFailure.BadInput e) {
      if (e.problems().stream().allMatch(p -> p.file().equals("request"))) {
        // a field of the command, not a data file: its message alone, without the validate hint
        throw new ServiceFailure.BadInput(e.getMessage(), List.of());
      }
      throw e;
    } catch (RuntimeException e) {
      throw Failures.of(e);
    }
  }

  private static Set<Status> statuses(List<Status> given) {
    return given == null || given.isEmpty() ? Set.of() : EnumSet.copyOf(given);
  }

  private PrintWriter out() {
    return spec.commandLine().getOut();
  }

  /** A status by its code: {@code awaiting-approval}. */
  static final class StatusConverter implements CommandLine.ITypeConverter<Status> {

    static final String CHOICES =
        Arrays.stream(Status.values()).map(Status::code).collect(Collectors.joining(", "));

    @Override
    public Status convert(String value) {
      String code = value.strip().toLowerCase(Locale.ROOT);
      return Arrays.stream(Status.values())
          .filter(s -> s.code().equals(code))
          .findFirst()
          .orElseThrow(
              () ->
                  new CommandLine.TypeConversionException(
                      "no status '" + Printable.of(value, 40) + "'; statuses: " + CHOICES));
    }
  }

  /** {@code csv} or {@code json}. */
  static final class ExportFormatConverter
      implements CommandLine.ITypeConverter<SubscriberExport.Format> {
    @Override
    public SubscriberExport.Format convert(String value) {
      String code = value.strip().toLowerCase(Locale.ROOT);
      return Arrays.stream(SubscriberExport.Format.values())
          .filter(f -> f.code().equals(code))
          .findFirst()
          .orElseThrow(
              () ->
                  new CommandLine.TypeConversionException(
                      "no export format '" + Printable.of(value, 40) + "'; formats: csv, json"));
    }
  }

  /** {@code html} or {@code text}. */
  static final class ListFormatConverter
      implements CommandLine.ITypeConverter<DistributionList.Format> {
    @Override
    public DistributionList.Format convert(String value) {
      try {
        return DistributionList.Format.fromCode(value.strip().toLowerCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(
            "no format '" + Printable.of(value, 40) + "'; formats: html, text");
      }
    }
  }
}
