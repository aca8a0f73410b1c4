package org.certbulletin.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.certbulletin.files.IoFailures;
import org.certbulletin.files.LockHeldException;
import org.certbulletin.imports.ImportException;
import org.certbulletin.model.InvalidDataException;
import org.certbulletin.render.RenderException;
import org.certbulletin.store.StateUnavailableException;

/**
 * Turns what the features throw into the {@link ServiceFailure} family, in one place: invalid data
 * and refused imports are bad input, a held lock is busy, the disk, the database and rendering
 * failed. Anything else is a defect and passes unchanged.
 */
public final class Failures {

  /** Work that may fail as a feature fails. */
  @FunctionalInterface
  public interface Work<T> {
    T perform() throws IOException, InterruptedException;
  }

  private Failures() {}

  /** The result of {@code work}, or its failure as a {@link ServiceFailure}. */
  public static <T> T translate(Work<T> work) throws InterruptedException {
    try {
      return work.perform();
    } catch (IOException e) {
      throw of(e);
    } catch (RuntimeException e) {
      throw of(e);
    }
  }

  /**
   * {@code failure} as a {@link ServiceFailure}, or itself when it is one or none fits (a defect).
   */
  public static <E extends Exception> RuntimeException of(E failure) {
    if (failure instanceof ServiceFailure known) {
      return known;
    }
    if (failure instanceof InvalidDataException invalid) {
      return new ServiceFailure.BadInput(invalid.getMessage(), invalid.problems());
    }
    if (failure instanceof ImportException refused) {
      return new ServiceFailure.BadInput(refused.getMessage(), List.of());
    }
    if (failure instanceof LockHeldException held) {
      return new ServiceFailure.Busy(held.getMessage(), held);
    }
    if (failure instanceof IOException || failure instanceof UncheckedIOException) {
      return new ServiceFailure.Failed(IoFailures.describe(failure), failure);
    }
    if (failure instanceof RenderException || failure instanceof StateUnavailableException) {
      return new ServiceFailure.Failed(failure.getMessage(), failure);
    }
    if (failure instanceof RuntimeException unexpected) {
      return unexpected;
    }
    return new IllegalStateException(failure);
  }
}
