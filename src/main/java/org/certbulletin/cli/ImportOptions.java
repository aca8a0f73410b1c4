package org.certbulletin.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.certbulletin.model.WeekId;
import org.certbulletin.service.ImportLimits;
import picocli.CommandLine.Option;

/**
 * The options every {@code import} command takes: the week, a dry run, the limits of reads and the
 * hosts of the CERT's own network they may reach.
 */
final class ImportOptions {

  @Option(
      names = "--week",
      required = true,
      paramLabel = "WEEK",
      description = "The week file to import into, like 2024-W51.")
  WeekId week;

  @Option(names = "--dry-run", description = "Print what would change; write nothing.")
  boolean dryRun;

  @Option(
      names = "--max-bytes",
      paramLabel = "N",
      description = "Largest document read, in bytes (default: ${DEFAULT-VALUE}).")
  long maxBytes = ImportLimits.DEFAULT_MAX_BYTES;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description = "Longest wait for a server, in seconds (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds = ImportLimits.DEFAULT_TIMEOUT.toSeconds();

  @Option(
      names = "--trust-certificate",
      paramLabel = "PEM",
      description =
          "Also trust this certificate (PEM) for https, e.g. a provider's own or a local test"
              + " server's.")
  Path trustedCertificate;

  @Option(
      names = "--allow-host",
      paramLabel = "HOST",
      description =
          "Allow reading from this host (a name or IP address as the URLs write it) although it"
              + " is on the CERT's own network or this machine (loopback, private, link-local and"
              + " similar addresses are refused otherwise). Repeatable; config.json can list"
              + " hosts under imports.allow_hosts.")
  List<String> allowHosts = new ArrayList<>();

  ImportLimits limits(picocli.CommandLine.Model.CommandSpec spec) {
    if (maxBytes < 1 || timeoutSeconds < 1) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--max-bytes and --timeout must be at least 1");
    }
    for (String host : allowHosts) {
      if (!ImportLimits.isHost(host)) {
        throw new picocli.CommandLine.ParameterException(
            spec.commandLine(),
            "--allow-host "
                + host
                + ": give a host name or IP address as the URL writes it, without https:// or a"
                + " port (like feeds.internal.example or 10.1.2.3)");
      }
    }
    return new ImportLimits(
        maxBytes,
        Duration.ofSeconds(timeoutSeconds),
        Optional.ofNullable(trustedCertificate),
        Set.copyOf(allowHosts));
  }
}
