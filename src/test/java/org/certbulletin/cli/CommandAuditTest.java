package org.certbulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.certbulletin.model.AuditEntry;
import org.certbulletin.model.Principal;
import org.certbulletin.service.AccessService;
import org.certbulletin.service.AuditQuery;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.SampleWorkspaceExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The command line's changes are in the audit log, as the shell user from {@code local}, under the
 * names of the HTTP operations; what changes nothing is not. {@code audit prune} deletes only what
 * is older than the retention {@code config.json} sets, and nothing without one.
 */
@ExtendWith(SampleWorkspaceExtension.class)
class CommandAuditTest {

  private static final Principal READER = Principal.system("test");
  private static final String SHELL_USER = "cli:" + System.getProperty("user.name", "unknown");

  private SampleWorkspace sample;

  @BeforeEach
  void copySample(SampleWorkspace sample) {
    this.sample = sample;
  }

  @Test
  void eachChangeAndEachRefusalIsAuditedAsTheShellUserAndAReadIsNot() throws Exception {
    Path sheet = sample.root().resolve("figures.csv");
    Files.writeString(sheet, "tally,part,value\ndata_breaches,,3000\n");

    assertThat(run("validate", "2024-W51").exitCode()).isZero();
    assertThat(log()).as("a read writes no entry").isEmpty();
    assertThat(run("build", "2024-W51").exitCode()).isZero();
    assertThat(run("build", "2024-W30").exitCode()).isEqualTo(2);
    assertThat(run("new", "2024-W52").exitCode()).isZero();
    assertThat(run("new", "2024-W52").exitCode()).isEqualTo(2);
    assertThat(run("import", "tallies", sheet.toString(), "--week", "2024-W51").exitCode())
        .isZero();
    assertThat(run("send", "2024-W51", "--list", "sector-partners", "--dry-run").exitCode())
        .isZero();
    assertThat(run("validate", "2024-W51").exitCode()).isZero();

    List<AuditEntry> entries = log();
    assertThat(entries)
        .extracting(e -> e.operation() + " " + e.target() + " " + e.outcome())
        .containsExactly(
            "buildWeek 2024-W51 OK",
            "buildWeek 2024-W30 REFUSED",
            "startWeek 2024-W52 OK",
            "startWeek 2024-W52 REFUSED",
            "importTallies 2024-W51 OK",
            "sendWeek 2024-W51 sector-partners OK");
    assertThat(entries)
        .allSatisfy(
            e -> {
              assertThat(e.actor()).isEqualTo(SHELL_USER);
              assertThat(e.actorKind()).isEqualTo(Principal.Kind.SYSTEM);
              assertThat(e.from()).isEqualTo("local");
            });
    assertThat(entries.get(1).detail()).contains("2024-W30");
    assertThat(entries.get(4).detail()).contains("/tallies/data_breaches");
    assertThat(entries.get(5).detail()).startsWith("dry run: 3 message(s)");
  }

  @Test
  void withoutARetentionPruneDeletesNothing() {
    entryAt(Instant.now().minus(Duration.ofDays(500)));

    CommandLineRun run = run("audit", "prune");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("nothing pruned", "\"retain\"");
    assertThat(log()).extracting(AuditEntry::target).contains("old");
  }

  @Test
  void aRetentionPrunesOnlyOlderEntriesAndSaysSo() {
    sample.configure("audit", "{\"retain\": \"P400D\"}");
    entryAt(Instant.now().minus(Duration.ofDays(500)));
    entryAt(Instant.now().minus(Duration.ofDays(300)));

    CommandLineRun run = run("audit", "prune");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("pruned 1 audit entry older than P400D");
    assertThat(log())
        .extracting(e -> e.operation() + " " + e.target())
        .containsExactly("publish recent", "audit.prune ");
  }

  @Test
  void aBadRetentionIsAProblemOfTheConfigurationAndAGoodOneIsNot() {
    sample.configure("audit", "{\"retain\": \"P1Y\"}");
    CommandLineRun year = run("validate");
    sample.editConfig(config -> config.replace("\"P1Y\"", "\"PT1H\""));
    CommandLineRun hour = run("validate");
    sample.editConfig(config -> config.replace("\"PT1H\"", "\"P400D\""));
    CommandLineRun good = run("validate");

    assertThat(year.exitCode()).isEqualTo(2);
    assertThat(year.err()).contains("config.json", "/audit/retain", "write P365D");
    assertThat(hour.exitCode()).isEqualTo(2);
    assertThat(hour.err()).contains("/audit/retain", "at least P1D");
    assertThat(good.exitCode()).as(good.err()).isZero();
  }

  /** Writes an entry dated {@code at}: old ones with target {@code old}, others {@code recent}. */
  private void entryAt(Instant at) {
    boolean old = at.isBefore(Instant.now().minus(Duration.ofDays(400)));
    try (AccessService access =
        AccessService.open(sample.workspace(), Clock.fixed(at, ZoneOffset.UTC))) {
      access.audit(READER, "publish", old ? "old" : "recent", "test", AuditEntry.Outcome.OK, "");
    }
  }

  /** The audit log, oldest first. */
  private List<AuditEntry> log() {
    try (AccessService access = AccessService.open(sample.workspace(), Clock.systemUTC())) {
      List<AuditEntry> entries = new ArrayList<>();
      access
          .listAudit(READER, "test", AuditQuery.newest(AuditQuery.MAX_LIMIT))
          .entries()
          .forEach(e -> entries.add(0, e));
      return entries.stream().filter(e -> !e.operation().equals("audit.list")).toList();
    }
  }

  private CommandLineRun run(String... args) {
    return CommandLineRun.of(CommandLineRun.join(sample.options(), args));
  }
}
