package org.certbulletin.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.certbulletin.files.LockFile;
import org.certbulletin.files.OutputLayout;
import org.certbulletin.model.Format;
import org.certbulletin.model.Principal;
import org.certbulletin.model.WeekId;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.SampleWorkspaceExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The editions a server hands out: kept under the digest of their inputs, so an unchanged edition
 * is not rendered again and a changed week always is; rendered once for readers asking at once.
 * Whether an edition was rendered again shows in its bytes: a render makes a new array.
 */
@ExtendWith(SampleWorkspaceExtension.class)
class EditionsTest {

  static final Principal READER = Principal.system("test");
  static final WeekId WEEK = WeekId.parse("2024-W51");
  static final String PHISHING = "\"phishing_pages\": {\n      \"value\": 1168";

  private SampleWorkspace sample;
  private Application application;
  private Editions editions;

  @BeforeEach
  void open(SampleWorkspace sample) {
    this.sample = sample;
    application = Application.open(sample.workspace(), Map.of(), Clock.systemUTC());
    editions = application.editions();
  }

  @AfterEach
  void close() {
    application.close();
  }

  private Editions.Edition get(Editions.Kind kind) {
    return editions.get(READER, WEEK, Optional.of("en"), Optional.empty(), kind);
  }

  private String tag(Editions.Kind kind) {
    return editions.tag(READER, WEEK, Optional.of("en"), Optional.empty(), kind);
  }

  private void changePhishingPagesTo(int value) {
    assertThat(sample.readWeek("2024-W51")).contains(PHISHING);
    sample.editWeek(
        "2024-W51", json -> json.replace(PHISHING, PHISHING.replace("1168", "" + value)));
  }

  private static String text(Editions.Edition edition) {
    return new String(edition.bytes(), StandardCharsets.UTF_8);
  }

  @Test
  void anUnchangedEditionIsTheOneRenderedBeforeAndAChangedWeekIsRenderedAfresh() {
    Editions.Edition first = get(Editions.Kind.JSON);
    Editions.Edition again = get(Editions.Kind.JSON);
    changePhishingPagesTo(4321);
    Editions.Edition changed = get(Editions.Kind.JSON);

    assertThat(again.bytes()).isSameAs(first.bytes());
    assertThat(again.etag()).isEqualTo(first.etag());
    assertThat(changed.etag()).isNotEqualTo(first.etag());
    assertThat(text(first)).contains("1168").doesNotContain("4321");
    assertThat(text(changed)).contains("4321");
  }

  @Test
  void aTagTakenBeforeAChangeIsNotTheTagOfTheEditionAfterIt() {
    String before = tag(Editions.Kind.JSON);
    String unchanged = tag(Editions.Kind.JSON);
    changePhishingPagesTo(4321);
    Editions.Edition after = get(Editions.Kind.JSON);

    assertThat(unchanged).isEqualTo(before);
    assertThat(after.etag()).isNotEqualTo(before).isEqualTo(tag(Editions.Kind.JSON));
    assertThat(text(after)).contains("4321");
  }

  @Test
  void readersAskingAtOnceForAnEditionNoOneHasRenderedShareOneRender() throws Exception {
    int readers = 4;
    ExecutorService pool = Executors.newFixedThreadPool(readers);
    try {
      CountDownLatch ready = new CountDownLatch(readers);
      List<Future<Editions.Edition>> asked = new ArrayList<>();
      for (int i = 0; i < readers; i++) {
        asked.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  ready.await();
                  return get(Editions.Kind.PDF);
                }));
      }
      List<byte[]> pdfs = new ArrayList<>();
      for (Future<Editions.Edition> edition : asked) {
        pdfs.add(edition.get(5, TimeUnit.MINUTES).bytes());
      }
      changePhishingPagesTo(4321);
      byte[] changed = get(Editions.Kind.PDF).bytes();

      assertThat(new String(pdfs.get(0), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
      assertThat(pdfs).allSatisfy(pdf -> assertThat(pdf).isSameAs(pdfs.get(0)));
      assertThat(changed).isNotSameAs(pdfs.get(0));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anEditionABuildRenderedIsHandedOutWithoutRenderingItAgain() throws Exception {
    BuildResult built =
        application.rereadBulletins(READER, "test").build(WEEK, EnumSet.allOf(Format.class));
    SharedRendering.Part part =
        application
            .engine()
            .builtPart(application.engine().fingerprint(WEEK), Locale.ENGLISH)
            .orElseThrow();
    Editions.Edition pdf = get(Editions.Kind.PDF);
    Editions.Edition json = get(Editions.Kind.JSON);
    changePhishingPagesTo(4321);
    Editions.Edition afterChange = get(Editions.Kind.PDF);

    assertThat(pdf.bytes()).isSameAs(part.files().get(Format.PDF));
    assertThat(pdf.bytes()).isEqualTo(Files.readAllBytes(built.folder().resolve("bulletin.pdf")));
    assertThat(json.bytes()).isSameAs(part.json());
    // control: a week changed since the build is rendered for the reader
    assertThat(afterChange.bytes()).isNotSameAs(part.files().get(Format.PDF));
    assertThat(
            application.engine().builtPart(application.engine().fingerprint(WEEK), Locale.ENGLISH))
        .isEmpty();
  }

  @Test
  void buildingAnUnchangedWeekAgainDoesNotRenderIt() {
    Bulletins bulletins = application.rereadBulletins(READER, "test");
    bulletins.build(WEEK, EnumSet.allOf(Format.class));
    String digest = application.engine().fingerprint(WEEK);
    SharedRendering.Part first =
        application.engine().builtPart(digest, Locale.ENGLISH).orElseThrow();
    BuildResult again =
        application.rereadBulletins(READER, "test").build(WEEK, EnumSet.allOf(Format.class));
    SharedRendering.Part kept =
        application.engine().builtPart(digest, Locale.ENGLISH).orElseThrow();
    changePhishingPagesTo(4321);
    application.rereadBulletins(READER, "test").build(WEEK, EnumSet.allOf(Format.class));
    String changed = application.engine().fingerprint(WEEK);

    assertThat(kept).isSameAs(first);
    assertThat(again.written()).isEmpty();
    assertThat(again.unchanged()).isNotEmpty();
    // control: a changed week is rendered again
    assertThat(changed).isNotEqualTo(digest);
    assertThat(application.engine().builtPart(changed, Locale.ENGLISH).orElseThrow())
        .isNotSameAs(first);
  }

  @Test
  @SuppressWarnings("try") // the lock is held for the block, never read
  void buildsAtOnceWaitForEachOtherToWriteInsteadOfBeingRefused() throws Exception {
    int builders = 4;
    ExecutorService pool = Executors.newFixedThreadPool(builders);
    try {
      CountDownLatch ready = new CountDownLatch(builders);
      List<Future<BuildResult>> builds = new ArrayList<>();
      for (int i = 0; i < builders; i++) {
        WeekId week = List.of(WEEK, WeekId.parse("2024-W50"), WeekId.parse("2024-W49")).get(i % 3);
        builds.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  ready.await();
                  // three weeks, one of them twice: each really renders and writes
                  return application
                      .rereadBulletins(READER, "test")
                      .build(week, EnumSet.allOf(Format.class));
                }));
      }
      for (Future<BuildResult> build : builds) {
        assertThat(build.get(5, TimeUnit.MINUTES).folder()).exists();
      }
    } finally {
      pool.shutdownNow();
    }
    // control: while another process holds the output's lock, a build is refused as busy
    Path lock = new OutputLayout(sample.workspace().out()).publishLock();
    try (LockFile held = LockFile.acquire(lock, "test")) {
      assertThatThrownBy(
              () ->
                  application
                      .rereadBulletins(READER, "test")
                      .build(WEEK, EnumSet.allOf(Format.class)))
          .isInstanceOf(ServiceFailure.Busy.class);
    }
  }
}
