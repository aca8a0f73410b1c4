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

/**
 * Imports stay outside the CERT's own network: a real https server on 127.0.0.1 is refused unless
 * allowed by name ({@code --allow-host} or {@code imports.allow_hosts}), and so is every address a
 * feed names or a redirect leads to; an address with credentials in it is refused without the
 * password ever being printed or stored.
 */
class ImportNetworkTest {

  private static final String WEEK = "2024-W51";
  private static final String SECRET = "s3cret-pass";

  @TempDir static Path keys;

  private static LocalHttpsServer server;

  @TempDir Path root;

  private SampleWorkspace sample;

  @BeforeAll
  static void serve() {
    server = LocalHttpsServer.start(keys);
    put(
        "/kev.json",
        ImportFixtures.kev(
            List.<String[]>of(new String[] {"CVE-2024-43767", "2024-12-17", "2025-01-07"})));
    put(
        "/doc.json",
        JsonMapping.mapper()
            .writeValueAsString(
                ImportFixtures.revised(
                    csaf("bsi-2022-0001"),
                    "ESA-2024-051",
                    "1",
                    "2024-12-18T09:00:00Z",
                    "Advisory ESA-2024-051")));
    put("/feed-localhost.json", feed(server.url("localhost", "/doc.json")));
    put(
        "/feed-credentials.json",
        feed(server.url("/doc.json").replace("https://", "https://reader:" + SECRET + "@")));
    server.redirect("/to-localhost.json", server.url("localhost", "/kev.json"));
    server.redirect("/to-mapped.json", server.url("[::ffff:127.0.0.1]", "/kev.json"));
    server.redirect(
        "/to-credentials.json",
        server.url("/kev.json").replace("https://", "https://reader:" + SECRET + "@"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void copySample() {
    sample = SampleWorkspace.copyTo(root);
  }

  @Test
  void aServerOnLoopbackIsRefusedWithoutAnAllowanceNamingTheAddressAndTheOption() throws Exception {
    byte[] before = Files.readAllBytes(sample.weekFile(WEEK));
    int asked = server.requests("/kev.json");

    CommandLineRun refused = importKev(server.url("/kev.json"));

    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.err())
        .contains(server.url("/kev.json"))
        .contains("the address 127.0.0.1, which is loopback")
        .contains("--allow-host 127.0.0.1");
    assertThat(server.requests("/kev.json")).as("never connected").isEqualTo(asked);
    assertThat(Files.readAllBytes(sample.weekFile(WEEK))).isEqualTo(before);

    CommandLineRun allowed = importKev(server.url("/kev.json"), "--allow-host", "127.0.0.1");
    assertThat(allowed.exitCode()).as("control: allowed, it is read: " + allowed.err()).isZero();
    assertThat(allowed.out()).contains("1 advisory(ies) of 2024-W51 known exploited");
    assertThat(server.requests("/kev.json")).isEqualTo(asked + 1);
  }

  @Test
  void theConfigurationCanAllowAHost() {
    sample.configure("imports", "{\"allow_hosts\": [\"127.0.0.1\"]}");
    assertThat(run("validate", WEEK).exitCode()).as("the key is part of the schema").isZero();

    CommandLineRun run = importKev(server.url("/kev.json"));

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("known exploited");
  }

  @Test
  void anAllowedHostThatIsNotAHostIsBadInput() {
    sample.configure("imports", "{\"allow_hosts\": [\"https://feeds.internal.example:8443\"]}");
    CommandLineRun validate = run("validate", WEEK);
    assertThat(validate.exitCode()).isEqualTo(2);
    assertThat(validate.err()).contains("/imports/allow_hosts/0").contains("without https://");

    CommandLineRun option =
        importKev(server.url("/kev.json"), "--allow-host", "https://127.0.0.1:8443");
    assertThat(option.exitCode()).isEqualTo(2);
    assertThat(option.err()).contains("--allow-host https://127.0.0.1:8443: give a host name");
  }

  @Test
  void aDocumentAFeedNamesOnAnotherHostOfThisMachineIsRefusedUntilThatHostIsAllowed() {
    int asked = server.requests("/doc.json");

    CommandLineRun refused =
        importCsaf(server.url("/feed-localhost.json"), "--allow-host", "127.0.0.1");

    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.err())
        .contains(server.url("localhost", "/doc.json"))
        .contains("localhost resolves to")
        .contains("which is loopback")
        .contains("--allow-host localhost");
    assertThat(server.requests("/doc.json")).isEqualTo(asked);
    assertThat(sample.readWeek(WEEK)).doesNotContain("ESA-2024-051");

    CommandLineRun allowed =
        importCsaf(
            server.url("/feed-localhost.json"),
            "--allow-host",
            "127.0.0.1",
            "--allow-host",
            "localhost");
    assertThat(allowed.exitCode()).as("control: " + allowed.err()).isZero();
    assertThat(sample.readWeek(WEEK)).contains("ESA-2024-051");
  }

  @Test
  void aRedirectFromAnAllowedHostToALoopbackAddressNotAllowedIsRefused() {
    int asked = server.requests("/kev.json");

    CommandLineRun byName =
        importKev(server.url("/to-localhost.json"), "--allow-host", "127.0.0.1");
    CommandLineRun mapped = importKev(server.url("/to-mapped.json"), "--allow-host", "127.0.0.1");

    assertThat(byName.exitCode()).isEqualTo(2);
    assertThat(byName.err())
        .contains(server.url("localhost", "/kev.json"))
        .contains("which is loopback")
        .contains("--allow-host localhost");
    assertThat(mapped.exitCode()).isEqualTo(2);
    assertThat(mapped.err())
        .contains("the address 127.0.0.1, which is loopback")
        .contains("--allow-host ::ffff:127.0.0.1");
    assertThat(server.requests("/kev.json")).as("the target was never asked").isEqualTo(asked);
    assertThat(server.requests("/to-localhost.json")).as("control: the first hop was").isPositive();
  }

  @Test
  void anAddressWithCredentialsIsRefusedAndThePasswordIsNeverPrinted() {
    int asked = server.requests("/kev.json");
    String withPassword =
        server.url("/kev.json").replace("https://", "https://cert:" + SECRET + "@");

    CommandLineRun run = importKev(withPassword, "--allow-host", "127.0.0.1");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("credentials in URLs are not supported")
        .contains(server.url("/kev.json").replace("https://", "https://***@"));
    assertThat(run.out() + run.err()).doesNotContain(SECRET);
    assertThat(server.requests("/kev.json")).isEqualTo(asked);
  }

  @Test
  void anAddressWithCredentialsThatIsNotEvenValidIsRefusedWithoutThePassword() {
    CommandLineRun run =
        importKev(
            "https://cert:" + SECRET + " x@127.0.0.1:1/kev.json", "--allow-host", "127.0.0.1");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("https://***@127.0.0.1:1/kev.json");
    assertThat(run.out() + run.err()).doesNotContain(SECRET);
  }

  @Test
  void aFeedNamingAnAddressWithCredentialsIsRefusedAndNothingKeepsThePassword() throws Exception {
    CommandLineRun run =
        importCsaf(server.url("/feed-credentials.json"), "--allow-host", "127.0.0.1");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("credentials in URLs are not supported");
    assertThat(run.out() + run.err()).doesNotContain(SECRET);
    assertThat(sample.readWeek(WEEK)).doesNotContain(SECRET).doesNotContain("ESA-2024-051");
    assertThat(run.out()).as("control: the feed was read").contains("1 document(s) released");
  }

  @Test
  void aRedirectToAnAddressWithCredentialsIsRefusedWithoutThePassword() {
    CommandLineRun run = importKev(server.url("/to-credentials.json"), "--allow-host", "127.0.0.1");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("credentials in URLs are not supported");
    assertThat(run.out() + run.err()).doesNotContain(SECRET);
  }

  private CommandLineRun importKev(String source, String... more) {
    return importing("kev", source, more);
  }

  private CommandLineRun importCsaf(String source, String... more) {
    return importing("csaf", source, more);
  }

  private CommandLineRun importing(String kind, String source, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "import",
                kind,
                source,
                "--week",
                WEEK,
                "--trust-certificate",
                server.certificate().toString()));
    args.addAll(List.of(more));
    return run(args.toArray(String[]::new));
  }

  private CommandLineRun run(String... args) {
    return CommandLineRun.of(CommandLineRun.join(sample.options(), args));
  }

  private static void put(String path, String body) {
    server.put(path, body.getBytes(StandardCharsets.UTF_8));
  }

  private static String feed(String document) {
    return """
    {"feed": {
      "id": "example-csaf-feed", "title": "Example CSAF feed",
      "updated": "2024-12-20T16:30:00Z",
      "entry": [{"id": "ESA-2024-051", "title": "ESA-2024-051",
        "published": "2024-12-18T09:00:00Z", "updated": "2024-12-18T09:00:00Z",
        "content": {"type": "application/json", "src": "%s"}}]
    }}
    """
        .formatted(document);
  }
}
