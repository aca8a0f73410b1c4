package org.certbulletin.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.certbulletin.files.Digests;
import org.certbulletin.files.LockFile;
import org.certbulletin.files.LockHeldException;
import org.certbulletin.model.Format;
import org.certbulletin.model.InvalidDataException;
import org.certbulletin.model.ProgressListener;
import org.certbulletin.model.WeekId;
import org.certbulletin.service.BuildResult;
import org.certbulletin.service.BulletinService;
import org.certbulletin.testing.HtmlValidation;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.SampleWorkspaceExtension;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Publishing the sample archive: contents, incremental updates, and failures that leave it intact.
 */
@Tag("slow")
@ExtendWith(SampleWorkspaceExtension.class)
class ArchivePublisherTest {

  SampleWorkspace sample;
  BulletinService service;
  Path site;

  @BeforeEach
  void copySample(SampleWorkspace sample) {
    this.sample = sample;
    service = new BulletinService(sample.workspace());
    site = sample.out().resolve("site");
  }

  @Test
  void publishesEveryWeekWithIndexFeedAndChecksums() throws Exception {
    PublishReport report = service.publish(ProgressListener.NONE);

    assertThat(report.built()).hasSize(8);
    assertThat(report.failed()).isEmpty();
    for (String week : new String[] {"W44", "W51"}) {
      for (String file : new String[] {"bulletin.html", "bulletin.pdf", "bulletin.json"}) {
        assertThat(site.resolve("2024/" + week + "/" + file)).isNotEmptyFile();
      }
    }
    assertThat(Files.isSymbolicLink(site)).as("site is a link to a generation").isTrue();
  }

  @Test
  void theIndexListsEveryWeekNewestFirstAndItsLinksResolve() throws Exception {
    service.publish(ProgressListener.NONE);
    byte[] html = Files.readAllBytes(site.resolve("index.html"));
    Document index = Jsoup.parse(new String(html, StandardCharsets.UTF_8));

    assertThat(index.select("table.archive-table tbody tr").eachAttr("id"))
        .containsExactly(
            "2024-W51",
            "2024-W50",
            "2024-W49",
            "2024-W48",
            "2024-W47",
            "2024-W46",
            "2024-W45",
            "2024-W44");
    assertThat(index.selectFirst("tr#2024-W51").text())
        .contains("146", "92 cross-border", "2,950", "TLP:CLEAR");
    for (Element link : index.select("a[href]")) {
      String href = link.attr("href");
      if (!href.startsWith("mailto:") && !href.startsWith("http")) {
        assertThat(site.resolve(href)).as(href).exists();
      }
    }
    assertThat(HtmlValidation.errors(html)).isEmpty();
  }

  @Test
  void theFeedIsValidAtomWithStableIds() throws Exception {
    service.publish(ProgressListener.NONE);
    SyndFeed feed = readFeed();

    assertThat(feed.getFeedType()).isEqualTo("atom_1.0");
    assertThat(feed.getEntries()).hasSize(8);
    SyndEntry newest = feed.getEntries().get(0);
    assertThat(newest.getTitle())
        .isEqualTo("Weekly Security Bulletin 2024-W51 (No. 51) [TLP:CLEAR]");
    assertThat(newest.getLink()).isEqualTo("https://cert.example/bulletins/2024/W51/bulletin.html");
    assertThat(newest.getDescription().getValue())
        .contains("146 incidents handled", "92 cross-border", "2,950");
    assertThat(newest.getUpdatedDate().toInstant())
        .isEqualTo(java.time.Instant.parse("2024-12-25T02:00:00Z"));
    String id = newest.getUri();

    sample.editWeek("2024-W51", json -> json.replace("\"value\": 2950", "\"value\": 2951"));
    service = new BulletinService(sample.workspace());
    service.publish(ProgressListener.NONE);
    assertThat(readFeed().getEntries().get(0).getUri()).isEqualTo(id);
  }

  @Test
  void theFeedHoldsTheConfiguredNumberOfNewestEntries() throws Exception {
    Path config = sample.data().resolve("config.json");
    Files.writeString(
        config, Files.readString(config).replace("\"feed_entries\": 20", "\"feed_entries\": 3"));
    service.publish(ProgressListener.NONE);
    assertThat(readFeed().getEntries())
        .extracting(SyndEntry::getTitle)
        .allMatch(t -> t.contains("2024-W51") || t.contains("2024-W50") || t.contains("2024-W49"))
        .hasSize(3);
  }

  @Test
  void checksumsCoverEveryPublishedFileAndVerify() throws Exception {
    service.publish(ProgressListener.NONE);
    List<String> lines = Files.readAllLines(site.resolve("SHA256SUMS"));
    assertThat(lines).hasSize(8 * 3 + 2);
    for (String line : lines) {
      String[] parts = line.split("  ", 2);
      assertThat(parts[0]).matches("[0-9a-f]{64}");
      assertThat(Digests.sha256(Files.readAllBytes(site.resolve(parts[1]))))
          .as(parts[1])
          .isEqualTo(parts[0]);
    }
    if (Files.isExecutable(Path.of("/usr/bin/sha256sum"))) {
      Process check =
          new ProcessBuilder("/usr/bin/sha256sum", "--check", "--strict", "--quiet", "SHA256SUMS")
              .directory(site.toRealPath().toFile())
              .redirectErrorStream(true)
              .start();
      String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(check.waitFor()).as(output).isZero();
    }
  }

  @Test
  void publishingTwiceChangesNothingTheSecondTime() throws Exception {
    service.publish(ProgressListener.NONE);
    Map<String, String> before = SampleWorkspace.snapshot(site);
    assertThat(before).hasSize(8 * 3 + 3);
    Path generation = site.toRealPath();

    PublishReport again = new BulletinService(sample.workspace()).publish(ProgressListener.NONE);

    assertThat(again.built()).isEmpty();
    assertThat(again.skipped()).hasSize(8);
    assertThat(again.changed()).isFalse();
    assertThat(site.toRealPath()).isEqualTo(generation);
    assertThat(SampleWorkspace.snapshot(site)).isEqualTo(before);
  }

  @Test
  void aChangedWeekIsRebuiltWithTheWeeksThatUseItAndTheRestKeepTheirFiles() throws Exception {
    service.publish(ProgressListener.NONE);
    Map<String, String> before = SampleWorkspace.snapshot(site);
    assertThat(before).hasSize(8 * 3 + 3);
    sample.editWeek("2024-W49", json -> json.replace("\"value\": 2805", "\"value\": 2806"));

    PublishReport report = new BulletinService(sample.workspace()).publish(ProgressListener.NONE);

    assertThat(report.built())
        .extracting(WeekId::toString)
        .containsExactly("2024-W49", "2024-W50", "2024-W51");
    assertThat(report.changed()).isTrue();
    Map<String, String> after = SampleWorkspace.snapshot(site);
    for (String week : new String[] {"W44", "W45", "W46", "W47", "W48"}) {
      for (String file : new String[] {"bulletin.html", "bulletin.pdf", "bulletin.json"}) {
        String path = "2024/" + week + "/" + file;
        assertThat(after.get(path))
            .as(path + " bytes and modification time")
            .isEqualTo(before.get(path));
      }
    }
    assertThat(after.get("2024/W49/bulletin.json"))
        .isNotEqualTo(before.get("2024/W49/bulletin.json"));
  }

  @Test
  void aBrokenWeekIsReportedAndTheOthersArePublished() throws Exception {
    sample.editWeek("2024-W47", json -> json.replace("\"tlp\": \"CLEAR\"", "\"tlp\": \"WHITE\""));

    PublishReport report = service.publish(ProgressListener.NONE);

    assertThat(report.failed()).containsOnlyKeys(WeekId.parse("2024-W47"));
    assertThat(report.failed().get(WeekId.parse("2024-W47")).reason())
        .contains("/tlp: 'WHITE' must be one of");
    assertThat(report.failed().get(WeekId.parse("2024-W47")).badInput()).isTrue();
    assertThat(report.built()).hasSize(7);
    assertThat(site.resolve("2024/W47")).doesNotExist();
    assertThat(site.resolve("2024/W51/bulletin.pdf")).exists();
    assertThat(Files.readString(site.resolve("index.html"))).doesNotContain("2024-W47");
  }

  @Test
  void aWeekThatBreaksLaterKeepsItsPublishedEdition() throws Exception {
    service.publish(ProgressListener.NONE);
    byte[] before = Files.readAllBytes(site.resolve("2024/W47/bulletin.pdf"));
    sample.editWeek("2024-W47", json -> json.replace("\"tlp\": \"CLEAR\"", "\"tlp\": \"WHITE\""));

    PublishReport report = new BulletinService(sample.workspace()).publish(ProgressListener.NONE);

    assertThat(report.failed()).containsOnlyKeys(WeekId.parse("2024-W47"));
    assertThat(Files.readAllBytes(site.resolve("2024/W47/bulletin.pdf"))).isEqualTo(before);
    assertThat(Files.readString(site.resolve("index.html"))).contains("2024-W47");
  }

  @Test
  void aBrokenWeekWhoseFilesAreGoneIsNotListed() throws Exception {
    service.publish(ProgressListener.NONE);
    sample.editWeek("2024-W47", json -> json.replace("\"tlp\": \"CLEAR\"", "\"tlp\": \"WHITE\""));
    Files.delete(site.resolve("2024/W47/bulletin.pdf"));

    new BulletinService(sample.workspace()).publish(ProgressListener.NONE);

    assertThat(Files.readString(site.resolve("index.html"))).doesNotContain("2024-W47");
    assertThat(Files.readString(site.resolve("SHA256SUMS"))).doesNotContain("W47");
  }

  @Test
  void aFailureMidPublishLeavesTheArchiveAsItWasAndTheNextRunCompletesIt() throws Exception {
    service.publish(ProgressListener.NONE);
    Map<String, String> before = SampleWorkspace.snapshot(site);
    sample.editWeek("2024-W44", json -> json.replace("\"value\": 2610", "\"value\": 2611"));
    sample.editWeek("2024-W50", json -> json.replace("\"value\": 3126", "\"value\": 3127"));
    BulletinService fresh = new BulletinService(sample.workspace());
    ArchivePublisher crashing =
        new ArchivePublisher(
            fresh.data(),
            sample.templates(),
            fresh.layout(),
            week -> {
              if (week.equals(WeekId.parse("2024-W50"))) {
                throw new IllegalStateException("simulated crash while rendering " + week);
              }
              return fresh.render(week, EnumSet.allOf(Format.class));
            },
            java.util.Optional.empty(),
            new BatchRenderer(1),
            ProgressListener.NONE,
            ArchivePublisher.Removal.REFUSE);

    assertThatThrownBy(crashing::publish).hasMessageContaining("simulated crash");

    assertThat(SampleWorkspace.snapshot(site)).isEqualTo(before);
    try (var leftovers = Files.list(sample.out().resolve("site.d"))) {
      assertThat(leftovers.map(p -> p.getFileName().toString()))
          .noneMatch(name -> name.startsWith(".staging"));
    }
    PublishReport next = new BulletinService(sample.workspace()).publish(ProgressListener.NONE);
    assertThat(next.built())
        .extracting(WeekId::toString)
        .contains("2024-W44", "2024-W50", "2024-W51");
    assertThat(Files.readString(site.resolve("2024/W50/bulletin.json"))).contains("3127");
  }

  @Test
  void aWeekAboveClearIsKeptOutOfThePublicArchive() throws Exception {
    sample.editWeek("2024-W51", json -> json.replace("\"tlp\": \"CLEAR\"", "\"tlp\": \"AMBER\""));

    service.publish(ProgressListener.NONE);

    assertThat(site.resolve("2024/W51")).doesNotExist();
    assertThat(sample.out().resolve("restricted/amber/2024/W51/bulletin.pdf")).exists();
    assertThat(Files.readString(site.resolve("index.html"))).doesNotContain("2024-W51");
    assertThat(Files.readString(site.resolve("feed.xml"))).doesNotContain("2024-W51");
    assertThat(Files.readString(site.resolve("SHA256SUMS"))).doesNotContain("W51");
  }

  @Test
  void aDeletedWeekLeavesTheArchiveOnlyWhenRemovalIsAllowed() throws Exception {
    service.publish(ProgressListener.NONE);
    Files.delete(sample.weekFile("2024-W44"));
    Map<String, String> before = SampleWorkspace.snapshot(site);

    assertThatThrownBy(() -> new BulletinService(sample.workspace()).publish(ProgressListener.NONE))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("would remove 1 published week(s)")
        .hasMessageContaining("2024-W44")
        .hasMessageContaining("--allow-removal");
    assertThat(SampleWorkspace.snapshot(site)).as("nothing written").isEqualTo(before);

    PublishReport report =
        new BulletinService(sample.workspace())
            .publish(ProgressListener.NONE, ArchivePublisher.Removal.ALLOW);

    assertThat(report.removed()).extracting(WeekId::toString).containsExactly("2024-W44");
    assertThat(site.resolve("2024/W44")).doesNotExist();
    assertThat(Files.readString(site.resolve("index.html"))).doesNotContain("2024-W44");
  }

  @Test
  void anEmptyOrMissingWeeksFolderLeavesThePublishedArchiveAsItIs() throws Exception {
    service.publish(ProgressListener.NONE);
    Map<String, String> before = SampleWorkspace.snapshot(site);
    assertThat(before).as("control: something is published").containsKey("2024/W51/bulletin.pdf");
    try (var files = Files.list(sample.data().resolve("weeks"))) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }

    assertThatThrownBy(() -> new BulletinService(sample.workspace()).publish(ProgressListener.NONE))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("no week files found");
    Files.delete(sample.data().resolve("weeks"));
    assertThatThrownBy(() -> new BulletinService(sample.workspace()).publish(ProgressListener.NONE))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("no week files found");

    assertThat(SampleWorkspace.snapshot(site)).isEqualTo(before);
  }

  @Test
  void aWeekFileWithAWrongNameStopsThePublishInsteadOfBeingSkipped() throws Exception {
    Files.copy(sample.weekFile("2024-W51"), sample.data().resolve("weeks/2024-w52.json"));

    assertThatThrownBy(() -> service.publish(ProgressListener.NONE))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("2024-w52.json")
        .hasMessageContaining("not an ISO week");
    assertThat(site).as("nothing published").doesNotExist();
    Files.delete(sample.data().resolve("weeks/2024-w52.json"));
    assertThat(service.publish(ProgressListener.NONE).built()).as("control").hasSize(8);
  }

  @Test
  void aBuildBeforeTheFirstPublishBecomesItsStartingPoint() throws Exception {
    service.build(WeekId.parse("2024-W51"), EnumSet.allOf(Format.class));
    assertThat(Files.isSymbolicLink(site)).isFalse();

    PublishReport report = new BulletinService(sample.workspace()).publish(ProgressListener.NONE);

    assertThat(report.built()).hasSize(8);
    assertThat(Files.isSymbolicLink(site)).isTrue();
    assertThat(site.resolve("index.html")).exists();
  }

  @Test
  void aBuildAfterPublishingWritesAPreviewAndLeavesTheArchiveVerifiable() throws Exception {
    service.publish(ProgressListener.NONE);
    Map<String, String> before = SampleWorkspace.snapshot(site);
    sample.editWeek("2024-W51", json -> json.replace("\"value\": 2950", "\"value\": 2951"));

    BuildResult result =
        new BulletinService(sample.workspace())
            .build(WeekId.parse("2024-W51"), EnumSet.allOf(Format.class));

    assertThat(result.folder()).isEqualTo(sample.out().resolve("preview/2024/W51"));
    assertThat(Files.readString(result.folder().resolve("bulletin.json"))).contains("2951");
    assertThat(SampleWorkspace.snapshot(site)).as("the published archive").isEqualTo(before);
    Process check =
        new ProcessBuilder("/usr/bin/sha256sum", "--check", "--strict", "--quiet", "SHA256SUMS")
            .directory(site.toFile())
            .redirectErrorStream(true)
            .start();
    assertThat(check.waitFor()).isZero();
  }

  @Test
  void filesPlacedInTheArchiveByHandAreKeptByTheNextPublish() throws Exception {
    service.publish(ProgressListener.NONE);
    Files.writeString(site.resolve("robots.txt"), "User-agent: *\n");
    Files.createDirectories(site.resolve(".well-known"));
    Files.writeString(
        site.resolve(".well-known/security.txt"), "Contact: mailto:cert@cert.example\n");
    sample.editWeek("2024-W51", json -> json.replace("\"value\": 2950", "\"value\": 2951"));

    PublishReport report = new BulletinService(sample.workspace()).publish(ProgressListener.NONE);

    assertThat(report.generation()).as("control: a new generation was made").isPresent();
    assertThat(site.resolve("robots.txt")).hasContent("User-agent: *");
    assertThat(site.resolve(".well-known/security.txt")).exists();
  }

  @Test
  @SuppressWarnings("try") // the lock is held for the block, never read
  void twoPublishesCannotRunAtOnce() throws Exception {
    try (LockFile held = LockFile.acquire(sample.out().resolve("state/publish.lock"), "publish")) {
      assertThatThrownBy(() -> service.publish(ProgressListener.NONE))
          .isInstanceOf(LockHeldException.class)
          .hasMessageContaining("another publish is running");
    }
  }

  private SyndFeed readFeed() throws Exception {
    return new SyndFeedInput().build(new StringReader(Files.readString(site.resolve("feed.xml"))));
  }
}
