package org.certbulletin.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import org.certbulletin.model.Principal;
import org.certbulletin.model.Role;
import org.certbulletin.model.Tlp;
import org.certbulletin.service.AccessService;
import org.certbulletin.service.ServiceFailure;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** What the {@code user} and {@code token} commands share. */
final class AccessCommands {

  /** Where the audit log says a command line's changes came from. */
  static final String FROM = "local";

  private AccessCommands() {}

  /** What a command does with the service, printing to {@code out}; returns the exit code. */
  interface Action {
    int run(AccessService access, Principal operator, PrintWriter out);
  }

  /**
   * Runs {@code action} as the shell user ({@code cli:NAME} in the audit log) on the state database
   * of the workspace, reporting the service's refusals: exit 2 for bad input, an unknown or
   * existing name; 1 for a failure.
   */
  static int run(CommandSpec spec, WorkspaceOptions options, Action action) {
    PrintWriter err = spec.commandLine().getErr();
    try (AccessService access = AccessService.open(options.workspace(), Clock.systemUTC())) {
      return action.run(access, operator(), spec.commandLine().getOut());
    } catch (ServiceFailure.BadInput
        | ServiceFailure.NotFound
        | ServiceFailure.Conflict
        | ServiceFailure.Forbidden e) {
      err.println("error: " + e.getMessage());
      return ExitCode.BAD_INPUT;
    } catch (ServiceFailure.Busy e) {
      err.println("busy: " + e.getMessage());
      return ExitCode.BUSY;
    } catch (ServiceFailure.Failed e) {
      err.println("error: " + e.getMessage());
      return ExitCode.FAILURE;
    }
  }

  /** The shell user, who has every right: {@code cli:root}. */
  static Principal operator() {
    return Principal.system("cli:" + System.getProperty("user.name", "unknown"));
  }

  /** A time as the lists show it: {@code 2024-12-23T08:00:00Z}. */
  static String time(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  static String time(Optional<Instant> instant) {
    return instant.map(AccessCommands::time).orElse("-");
  }

  /** A role by its code: {@code analyst}. */
  static final class RoleConverter implements CommandLine.ITypeConverter<Role> {
    @Override
    public Role convert(String value) {
      try {
        return Role.fromCode(value.trim().toLowerCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  /** A TLP label: {@code AMBER}, {@code amber}, {@code TLP:AMBER+STRICT}. */
  static final class TlpConverter implements CommandLine.ITypeConverter<Tlp> {
    @Override
    public Tlp convert(String value) {
      String code = value.trim().toUpperCase(Locale.ROOT);
      try {
        return Tlp.fromCode(code.startsWith("TLP:") ? code.substring(4) : code);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  /** An ISO-8601 duration in days or hours: {@code P90D}, {@code PT12H}. */
  static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        return Duration.parse(value.trim());
      } catch (DateTimeParseException e) {
        throw new CommandLine.TypeConversionException(
            "'"
                + value
                + "' is not a duration: write it in ISO 8601, in days (P90D) or hours (PT12H)");
      }
    }
  }
}
