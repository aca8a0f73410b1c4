package org.certbulletin.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import org.certbulletin.files.LockHeldException;
import org.certbulletin.imports.ImportException;
import org.certbulletin.model.InvalidDataException;
import org.junit.jupiter.api.Test;

/** What the features throw reaches a door as one of the service's failures, and only that. */
class FailuresTest {

  @Test
  void invalidDataIsBadInputWithEveryProblem() {
    InvalidDataException invalid =
        InvalidDataException.of("data/weeks/2024-W51.json", "tallies: must be >= 0");

    assertThatThrownBy(() -> Failures.translate(() -> throwing(invalid)))
        .isInstanceOfSatisfying(
            ServiceFailure.BadInput.class,
            bad -> assertThat(bad.problems()).isEqualTo(invalid.problems()));
  }

  @Test
  void aRefusedImportIsBadInputWithItsMessage() {
    assertThatThrownBy(
            () -> Failures.translate(() -> throwing(new ImportException("file changed meanwhile"))))
        .isInstanceOf(ServiceFailure.BadInput.class)
        .hasMessage("file changed meanwhile");
  }

  @Test
  void aHeldLockIsBusy() {
    assertThatThrownBy(
            () -> Failures.translate(() -> throwing(new LockHeldException("publish is running"))))
        .isInstanceOf(ServiceFailure.Busy.class)
        .hasMessage("publish is running");
  }

  @Test
  void aDiskFailureIsFailedAndNamesTheFile() {
    assertThatThrownBy(
            () ->
                Failures.translate(
                    () -> {
                      throw new NoSuchFileException("out/site/index.html");
                    }))
        .isInstanceOf(ServiceFailure.Failed.class)
        .hasMessageContaining("out/site/index.html")
        .hasCauseInstanceOf(IOException.class);
  }

  @Test
  void aDefectPassesUnchangedAndSuccessPassesItsResult() throws InterruptedException {
    IllegalStateException defect = new IllegalStateException("a bug");

    assertThatThrownBy(() -> Failures.translate(() -> throwing(defect))).isSameAs(defect);
    assertThat(Failures.translate(() -> "built")).isEqualTo("built");
  }

  private static String throwing(RuntimeException failure) {
    throw failure;
  }
}
