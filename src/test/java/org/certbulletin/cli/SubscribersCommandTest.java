package org.certbulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.certbulletin.files.JsonMapping;
import org.certbulletin.model.AuditEntry;
import org.certbulletin.model.Principal;
import org.certbulletin.service.AccessService;
import org.certbulletin.service.AuditQuery;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.SampleWorkspaceExtension;
import org.certbulletin.testing.SubscriberRows;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * {@code subscribers} on the command line over the sample workspace: the recipients files imported,
 * exported as CSV and JSON and read back, listed with counts, requests decided and suspended
 * addresses resumed, one address added and removed by hand; bad names refused with exit 2 and the
 * choices.
 */
@ExtendWith(SampleWorkspaceExtension.class)
class SubscribersCommandTest {

  private SampleWorkspace sample;

  @BeforeEach
  void open(SampleWorkspace sample) {
    this.sample = sample;
    sample.openSignup();
  }

  private CommandLineRun run(String... args) {
    return CommandLineRun.of(CommandLineRun.join(sample.options(), args));
  }

  private CommandLineRun ok(String... args) {
    CommandLineRun run = run(args);
    assertThat(run.exitCode()).as(String.join(" ", args) + ": " + run.err()).isZero();
    return run;
  }

  @Test
  void importCopiesTheRecipientsFileOnceAndSaysTheFileIsStillRead() {
    CommandLineRun first = ok("subscribers", "import", "--list", "public");

    assertThat(first.out())
        .contains("public: 4 added, 0 there already (4 addresses)")
        .contains(
            "the recipients file is still read; you may remove it from config.json once you no"
                + " longer edit it");
    assertThat(sample.data().resolve("lists/public.txt")).exists();
    assertThat(ok("subscribers", "import", "--list", "public").out())
        .contains("public: 0 added, 4 there already (4 addresses)");
    CommandLineRun listed = ok("subscribers", "list");
    assertThat(listed.out())
        .contains("alice@example.org", "bob@example.net", "carol@example.com", "dave@example.org")
        .contains("public: 4 active")
        .doesNotContain("security@bank.example");

    CommandLineRun all = ok("subscribers", "import");
    assertThat(all.out())
        .contains("public: 0 added, 4 there already")
        .contains("sector-partners: 3 added")
        .contains("government: 2 added");
  }

  @Test
  void theCsvExportHasEveryFieldAHeaderAndDefusedFormulasAndTheJsonTheValuesAsTheyAre()
      throws Exception {
    ok("subscribers", "import", "--list", "public");
    long id =
        SubscriberRows.awaiting(
            sample, "sector-partners", "soc@grid.example", "=HYPERLINK(\"x\"), Grid \"Ops\"");

    CommandLineRun csv = ok("subscribers", "export");

    List<List<String>> rows = csvRows(csv.out());
    assertThat(rows.get(0))
        .containsExactly(
            "id",
            "list",
            "address",
            "status",
            "origin",
            "language",
            "format",
            "sectors",
            "products",
            "organisation",
            "soft_bounces",
            "reason",
            "decided_by",
            "created",
            "confirmed",
            "updated");
    assertThat(rows).hasSize(6);
    List<String> grid =
        rows.stream().filter(r -> r.get(2).equals("soc@grid.example")).findFirst().orElseThrow();
    assertThat(grid.get(0)).isEqualTo(Long.toString(id));
    assertThat(grid.get(3)).isEqualTo("awaiting-approval");
    assertThat(grid.get(7)).isEqualTo("energy");
    assertThat(grid.get(9)).isEqualTo("'=HYPERLINK(\"x\"), Grid \"Ops\"");
    assertThat(csv.out()).contains("\r\n");

    Path file = sample.root().resolve("subscribers.json");
    CommandLineRun json =
        ok(
            "subscribers",
            "export",
            "--format",
            "json",
            "--status",
            "awaiting-approval",
            "--output",
            file.toString());
    assertThat(json.out()).isEmpty();
    assertThat(json.err()).contains("exported 1 subscriber to");
    JsonNode read = JsonMapping.mapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
    JsonNode only = read.path("subscribers").get(0);
    assertThat(read.path("subscribers").size()).isEqualTo(1);
    assertThat(only.path("organisation").asString()).isEqualTo("=HYPERLINK(\"x\"), Grid \"Ops\"");
    assertThat(only.path("products").get(0).asString()).isEqualTo("siemens");
    assertThat(only.path("list").asString()).isEqualTo("sector-partners");
    assertThat(only.has("soft_bounces") && only.has("decided_by") && only.has("confirmed"))
        .isTrue();
  }

  @Test
  void requestsAreDecidedOnceAndSuspendedAddressesResumedOnce() {
    long soc = SubscriberRows.awaiting(sample, "sector-partners", "soc@grid.example", "Grid Ltd");
    long spam = SubscriberRows.awaiting(sample, "sector-partners", "x@spam.example", "Nobody");
    long carol =
        SubscriberRows.suspended(sample, "public", "carol@example.com", "550 5.1.1 no such user");

    assertThat(ok("subscribers", "approve", Long.toString(soc)).out())
        .contains("approved subscriber " + soc + " of sector-partners");
    CommandLineRun again = run("subscribers", "approve", Long.toString(soc));
    assertThat(again.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(again.err()).contains("not awaiting approval (active)");

    CommandLineRun noReason = run("subscribers", "reject", Long.toString(spam));
    assertThat(noReason.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(noReason.err()).contains("--reason");
    assertThat(ok("subscribers", "reject", Long.toString(spam), "--reason", "not a partner").out())
        .contains("rejected subscriber " + spam + " of sector-partners: not a partner");

    assertThat(ok("subscribers", "resume", Long.toString(carol)).out())
        .contains("resumed subscriber " + carol + " of public");
    CommandLineRun resumedAgain = run("subscribers", "resume", Long.toString(carol));
    assertThat(resumedAgain.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(resumedAgain.err()).contains("is not suspended (active)");

    CommandLineRun listed = ok("subscribers", "list", "--list", "sector-partners");
    assertThat(listed.out()).contains("sector-partners: 1 active, 1 rejected");
  }

  @Test
  void badListsStatusesAndIdsExitWith2NamingThemAndTheChoices() {
    CommandLineRun list = run("subscribers", "list", "--list", "nosuch");
    assertThat(list.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(list.err())
        .contains("no list 'nosuch'; lists: public, sector-partners, government")
        .doesNotContain("Exception");

    CommandLineRun status = run("subscribers", "list", "--status", "gone");
    assertThat(status.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(status.err())
        .contains("no status 'gone'; statuses: " + SubscribersCommand.StatusConverter.CHOICES);

    CommandLineRun format = run("subscribers", "export", "--format", "xlsx");
    assertThat(format.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(format.err()).contains("formats: csv, json");

    CommandLineRun word = run("subscribers", "approve", "first");
    assertThat(word.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
    CommandLineRun unknown = run("subscribers", "resume", "999");
    assertThat(unknown.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(unknown.err()).contains("no subscriber 999");

    assertThat(ok("subscribers", "list", "--list", "public", "--status", "active,suspended").out())
        .as("control: a good list and statuses")
        .contains("no subscribers on public with status active or suspended;")
        .contains("drop --list or --status");
  }

  @Test
  void theStatusesTheHelpNamesAreTheStatuses() {
    assertThat(ok("subscribers", "list", "--help").out().replaceAll("\\s+", " "))
        .contains(SubscribersCommand.StatusConverter.CHOICES);
  }

  @Test
  void anOperatorAddsAndRemovesOneAddressByHand() {
    CommandLineRun added =
        ok(
            "subscribers",
            "add",
            "--list",
            "public",
            "New@Reader.EXAMPLE",
            "--language",
            "en",
            "--format",
            "text");
    assertThat(added.out()).contains("added New@reader.example to public as subscriber");
    assertThat(ok("subscribers", "list", "--list", "public").out())
        .contains("New@reader.example")
        .contains("public: 1 active");

    CommandLineRun twice = run("subscribers", "add", "--list", "public", "New@reader.example");
    assertThat(twice.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(twice.err()).contains("already").contains("(active)");
    CommandLineRun japanese =
        run("subscribers", "add", "--list", "public", "b@reader.example", "--language", "ja");
    assertThat(japanese.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(japanese.err())
        .startsWith("error: the bulletin is written in [en]; not ja")
        .doesNotContain("validate");
    CommandLineRun malformed =
        run("subscribers", "add", "--list", "public", "a@b.example\r\nBcc: x@y.example");
    assertThat(malformed.exitCode()).isEqualTo(ExitCode.BAD_INPUT);

    ok("subscribers", "remove", "--list", "public", "New@reader.example");
    ok("subscribers", "remove", "--list", "public", "bob@example.net");
    assertThat(ok("subscribers", "list", "--list", "public").out())
        .contains("public: 2 unsubscribed")
        .contains("bob@example.net");

    CommandLineRun back = ok("subscribers", "add", "--list", "public", "New@reader.example");
    assertThat(back.out()).contains("added New@reader.example");
    try (AccessService access = AccessService.open(sample.workspace(), Clock.systemUTC())) {
      List<AuditEntry> lines =
          access
              .listAudit(Principal.system("test"), "test", AuditQuery.newest(100))
              .entries()
              .stream()
              .filter(e -> e.operation().equals("addSubscriber"))
              .toList();
      assertThat(lines).hasSize(3);
      assertThat(lines)
          .allSatisfy(e -> assertThat(e.actor()).startsWith("cli:"))
          .allSatisfy(e -> assertThat(e.target()).startsWith("public#"))
          .allSatisfy(e -> assertThat(e.detail()).doesNotContain("reader.example"));
    }
  }

  @Test
  void aStateDatabaseThatCannotBeReachedExitsWith1() {
    assertThat(ok("subscribers", "list").out()).as("control").contains("no subscribers");
    sample.configure("state", "{\"jdbc_url\": \"jdbc:postgresql://127.0.0.1:1/none\"}");

    CommandLineRun down = run("subscribers", "list");

    assertThat(down.exitCode()).as(down.err()).isEqualTo(ExitCode.FAILURE);
    assertThat(down.err()).startsWith("error: ").doesNotContain("\tat ");
  }

  /** The rows of an RFC 4180 text. */
  private static List<List<String>> csvRows(String text) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        row.add(cell.toString());
        cell.setLength(0);
      } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
        row.add(cell.toString());
        cell.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
        i++;
      } else {
        cell.append(c);
      }
    }
    return rows;
  }
}
