package org.certbulletin.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.certbulletin.files.LockFile;
import org.certbulletin.files.OutputLayout;
import org.certbulletin.model.Principal;
import org.certbulletin.model.WeekId;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.SampleWorkspaceExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Week files replaced as documents: by editors of one server at once, and beside other writers. */
@ExtendWith(SampleWorkspaceExtension.class)
class WeekDocumentsTest {

  static final Principal EDITOR = Principal.system("test");
  static final List<String> WEEKS =
      List.of(
          "2024-W44",
          "2024-W45",
          "2024-W46",
          "2024-W47",
          "2024-W48",
          "2024-W49",
          "2024-W50",
          "2024-W51");

  /** The file of {@code week} with {@code blanks} more newlines at its end: valid, and new. */
  private static byte[] withBlanks(SampleWorkspace sample, String week, int blanks) {
    return (sample.readWeek(week) + "\n".repeat(blanks)).getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void editorsOfOneServerChangingWeeksAtOnceWaitForEachOtherInsteadOfBeingRefused(
      SampleWorkspace sample) throws Exception {
    WeekDocuments documents = new WeekDocuments(sample.workspace());
    ExecutorService pool = Executors.newFixedThreadPool(WEEKS.size());
    try {
      CountDownLatch ready = new CountDownLatch(WEEKS.size());
      List<Future<Integer>> editors = new ArrayList<>();
      for (String week : WEEKS) {
        byte[] original = sample.readWeek(week).getBytes(StandardCharsets.UTF_8);
        editors.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  ready.await();
                  String tag = WeekDocuments.etag(original);
                  for (int change = 1; change <= 5; change++) {
                    tag =
                        documents
                            .put(
                                EDITOR,
                                WeekId.parse(week),
                                withBlanks(sample, week, 1),
                                "test",
                                Optional.of(tag))
                            .etag();
                  }
                  return 5;
                }));
      }
      int saved = 0;
      for (Future<Integer> editor : editors) {
        saved += editor.get(5, TimeUnit.MINUTES);
      }

      assertThat(saved).isEqualTo(5 * WEEKS.size());
      assertThat(sample.readWeek("2024-W51")).endsWith("\n\n\n\n\n");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @SuppressWarnings("try") // the lock is held by being open
  void aChangeWhileAnotherWriterHoldsTheWeekFilesIsRefusedAsBusyAndGoesThroughAfterIt(
      SampleWorkspace sample) throws Exception {
    WeekDocuments documents = new WeekDocuments(sample.workspace());
    WeekId week = WeekId.parse("2024-W51");
    String tag = documents.get(EDITOR, week).etag();
    byte[] changed = withBlanks(sample, "2024-W51", 1);

    try (LockFile other =
        LockFile.acquire(
            new OutputLayout(sample.out()).state().resolve("week-files.lock"), "test")) {
      assertThatThrownBy(() -> documents.put(EDITOR, week, changed, "test", Optional.of(tag)))
          .isInstanceOf(ServiceFailure.Busy.class);
    }
    WeekDocuments.Saved saved = documents.put(EDITOR, week, changed, "test", Optional.of(tag));

    assertThat(saved.etag()).isEqualTo(WeekDocuments.etag(changed));
  }
}
