package org.certbulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.certbulletin.testing.ImportFixtures.csaf;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.certbulletin.files.JsonMapping;
import org.certbulletin.testing.ImportFixtures;
import org.certbulletin.testing.LocalHttpsServer;
import org.certbulletin.testing.SampleWorkspace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/**
 * A CSAF provider served over real https by a local server with a self-signed certificate (trusted
 * by the command only through {@code --trust-certificate}, and reached only through {@code
 * --allow-host 127.0.0.1}): its {@code provider-metadata.json} leads to a ROLIE feed listing
 * documents of two weeks, and only the asked week's are imported.
 */
class CsafProviderTest {

  private static final String WEEK = "2024-W51";

  @TempDir static Path keys;

  private static LocalHttpsServer server;

  @TempDir Path root;

  private SampleWorkspace sample;

  @BeforeAll
  static void serveProvider() {
    server = LocalHttpsServer.start(keys);
    put("/.well-known/csaf/provider-metadata.json", providerMetadata());
    put(
        "/.well-known/csaf/feed-tlp-white.json",
        feed(
            entry("ESA-2024-051", "2024/esa-2024-051.json", "2024-12-18T09:00:00Z"),
            entry("ESA-2024-052", "2024/esa-2024-052.json", "2024-12-20T16:30:00+01:00"),
            entry("ESA-2024-049", "2024/esa-2024-049.json", "2024-12-11T09:00:00Z")));
    putDocument("ESA-2024-051", "2024-12-18T09:00:00Z");
    putDocument("ESA-2024-052", "2024-12-20T16:30:00+01:00");
    putDocument("ESA-2024-049", "2024-12-11T09:00:00Z");
    server.redirect("/to-file.json", "file:///etc/passwd");
    server.redirect("/moved.json", "/.well-known/csaf/2024/esa-2024-051.json");
    server.stall("/stalled.json");
    server.redirect("/to-http.json", "http://127.0.0.1:1/feed.json");
    server.chunked("/chunked.json");
    put("/chunked.json", "{\"document\": \"" + "x".repeat(5000) + "\"}");
    put(
        "/broken-feed.json",
        feed(
            entry(
                "ESA-2024-051", ".well-known/csaf/2024/esa-2024-051.json", "2024-12-18T09:00:00Z"),
            entry("ESA-2024-404", ".well-known/csaf/2024/missing.json", "2024-12-18T09:00:00Z"),
            entry("ESA-2024-BAD", "bad address with spaces.json", "2024-12-18T09:00:00Z")));
    putDocument("ESA-2024-SLOW", "2024-12-19T09:00:00Z");
    server.delay("/.well-known/csaf/2024/esa-2024-slow.json", 2000);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void copySample() {
    sample = SampleWorkspace.copyTo(root);
  }

  private CommandLineRun run(String... args) {
    return CommandLineRun.of(CommandLineRun.join(sample.options(), args));
  }

  @Test
  void theProviderMetadataLeadsToTheFeedAndOnlyTheWeeksDocumentsAreImported() {
    CommandLineRun run = fromServer("/.well-known/csaf/provider-metadata.json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("2 document(s) released in 2024-W51, 1 outside it")
        .contains("2 added");
    String week = sample.readWeek(WEEK);
    assertThat(week)
        .contains("\"ESA-2024-051\"", "\"ESA-2024-052\"")
        .doesNotContain("ESA-2024-049");
    assertThat(week)
        .contains(
            "\"location\": \"" + server.url("/.well-known/csaf/2024/esa-2024-051.json") + "\"");
    assertThat(run("validate", WEEK).exitCode()).isZero();
  }

  @Test
  void aFeedGivenDirectlyIsReadTheSameWayAndAgainChangesNothing() throws Exception {
    String feed = "/.well-known/csaf/feed-tlp-white.json";
    assertThat(fromServer(feed).exitCode()).isZero();
    byte[] once = Files.readAllBytes(sample.weekFile(WEEK));

    CommandLineRun again = fromServer(feed);

    assertThat(again.out()).contains("0 added, 0 updated, 2 unchanged");
    assertThat(Files.readAllBytes(sample.weekFile(WEEK))).isEqualTo(once);
  }

  @Test
  void anHttpsRedirectIsFollowedButARedirectToAFileIsRefused() throws Exception {
    byte[] before = Files.readAllBytes(sample.weekFile(WEEK));
    CommandLineRun toFile = fromServer("/to-file.json");

    assertThat(toFile.exitCode()).isEqualTo(2);
    assertThat(toFile.err())
        .contains("redirects to file:///etc/passwd, which is not an https address; refused");
    assertThat(Files.readAllBytes(sample.weekFile(WEEK))).isEqualTo(before);

    CommandLineRun moved = fromServer("/moved.json");
    assertThat(moved.exitCode()).as("control: an https redirect is followed").isZero();
    assertThat(sample.readWeek(WEEK)).contains("ESA-2024-051");
  }

  @Test
  void theServerIsNotTrustedWithoutTheOptionAndPlainHttpIsRefused() {
    CommandLineRun untrusted =
        run(
            "import",
            "csaf",
            server.url("/.well-known/csaf/feed-tlp-white.json"),
            "--week",
            WEEK,
            "--allow-host",
            "127.0.0.1");
    assertThat(untrusted.exitCode()).isEqualTo(2);
    assertThat(untrusted.err()).contains("cannot read").containsIgnoringCase("certificat");

    CommandLineRun http =
        run(
            "import",
            "csaf",
            server.url("/.well-known/csaf/feed-tlp-white.json").replace("https:", "http:"),
            "--week",
            WEEK);
    assertThat(http.exitCode()).isEqualTo(2);
    assertThat(http.err()).contains("only https:// addresses are read");
  }

  @Test
  void aServedDocumentLargerThanTheLimitIsRefused() {
    CommandLineRun run =
        fromServer("/.well-known/csaf/2024/esa-2024-051.json", "--max-bytes", "1000");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("larger than the limit of 1,000 bytes");
  }

  @Test
  void aRedirectToPlainHttpIsRefused() {
    CommandLineRun run = fromServer("/to-http.json");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("redirects to http://127.0.0.1:1/feed.json, which is not an https address");
  }

  @Test
  void aBodyWithoutContentLengthIsStillCutAtTheLimit() {
    CommandLineRun run = fromServer("/chunked.json", "--max-bytes", "1000");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("larger than the limit of 1,000 bytes");
  }

  @Test
  void aFeedEntryThatCannotBeReadIsReportedAndTheOthersAreImported() {
    CommandLineRun run = fromServer("/broken-feed.json");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("missing.json: the server answered HTTP 404")
        .contains("'bad address with spaces.json' is not a valid address");
    assertThat(run.out()).contains("1 added");
    assertThat(sample.readWeek(WEEK)).contains("ESA-2024-051");
  }

  @Test
  void anEditMadeWhileTheImportRunsIsKeptAndNothingIsWritten() throws Exception {
    java.util.concurrent.CompletableFuture<CommandLineRun> importing =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> fromServer("/.well-known/csaf/2024/esa-2024-slow.json"));
    server.awaitRequests("/.well-known/csaf/2024/esa-2024-slow.json", 1);
    sample.editWeek(WEEK, json -> json.replace("\"rating\": \"good\"", "\"rating\": \"fair\""));

    CommandLineRun run = importing.get(60, java.util.concurrent.TimeUnit.SECONDS);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("changed while the import ran; nothing was written");
    assertThat(sample.readWeek(WEEK))
        .contains("\"rating\": \"fair\"")
        .doesNotContain("ESA-2024-SLOW");
    CommandLineRun again = fromServer("/.well-known/csaf/2024/esa-2024-slow.json");
    assertThat(again.exitCode()).as("control: run again, it imports").isZero();
    assertThat(sample.readWeek(WEEK)).contains("\"rating\": \"fair\"", "ESA-2024-SLOW");
  }

  @Test
  void aDownloadThatStallsEndsAtTheTimeout() {
    long start = System.nanoTime();
    CommandLineRun run = fromServer("/stalled.json", "--timeout", "1");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("the download took longer than 1 s");
    assertThat((System.nanoTime() - start) / 1e9)
        .as("not the minute the server stalls for")
        .isLessThan(30);
  }

  /** {@code import csaf} of the server's {@code path} into the week, trusting its certificate. */
  private CommandLineRun fromServer(String path, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "import",
                "csaf",
                server.url(path),
                "--week",
                WEEK,
                "--trust-certificate",
                server.certificate().toString(),
                "--allow-host",
                "127.0.0.1"));
    args.addAll(List.of(more));
    return run(args.toArray(String[]::new));
  }

  private static void put(String path, String json) {
    server.put(path, json.getBytes(StandardCharsets.UTF_8));
  }

  private static void putDocument(String id, String released) {
    ObjectNode document =
        ImportFixtures.revised(csaf("bsi-2022-0001"), id, "1", released, "Advisory " + id);
    ((ObjectNode) document.get("document").get("tracking")).put("initial_release_date", released);
    put(
        "/.well-known/csaf/2024/" + id.toLowerCase(java.util.Locale.ROOT) + ".json",
        JsonMapping.mapper().writeValueAsString(document));
  }

  private static String providerMetadata() {
    return """
    {
      "canonical_url": "%s",
      "distributions": [
        {"rolie": {"feeds": [
          {"summary": "All TLP:WHITE advisories.", "tlp_label": "WHITE", "url": "%s"}
        ]}}
      ],
      "last_updated": "2024-12-20T16:30:00Z",
      "list_on_CSAF_aggregators": true,
      "metadata_version": "2.0",
      "mirror_on_CSAF_aggregators": true,
      "publisher": {"category": "vendor", "name": "Example PSIRT", "namespace": "https://psirt.example.com"},
      "role": "csaf_trusted_provider"
    }
    """
        .formatted(server.url("/.well-known/csaf/provider-metadata.json"), "feed-tlp-white.json");
  }

  private static String feed(String... entries) {
    return """
    {"feed": {
      "id": "example-csaf-feed-tlp-white",
      "title": "Example CSAF feed (TLP:WHITE)",
      "link": [{"rel": "self", "href": "feed-tlp-white.json"}],
      "category": [{"scheme": "urn:ietf:params:rolie:category:information-type", "term": "csaf"}],
      "updated": "2024-12-20T16:30:00Z",
      "entry": [%s]
    }}
    """
        .formatted(String.join(",", entries));
  }

  private static String entry(String id, String path, String updated) {
    return """
    {"id": "%s", "title": "%s",
     "link": [{"rel": "self", "href": "%s"}],
     "published": "%s", "updated": "%s",
     "content": {"type": "application/json", "src": "%s"},
     "format": {"schema": "https://docs.oasis-open.org/csaf/csaf/v2.0/csaf_json_schema.json", "version": "2.0"}}
    """
        .formatted(id, id, path, updated, updated, path);
  }
}
