package org.certbulletin.service;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.certbulletin.model.Format;
import org.certbulletin.model.Tlp;
import org.certbulletin.publish.EditionFiles;
import org.certbulletin.render.BulletinRenderer;

/**
 * What a bulletin service shares with the services it makes to read the data afresh ({@link
 * BulletinService#reread()}): the warm renderer; one render slot per core, so that many requests at
 * once queue for the cores instead of each holding a render's memory; a lock that lets writes to
 * the output folder wait for each other in this process; and the last weeks built, under the digest
 * of their inputs, so that an unchanged week is not rendered again.
 */
final class SharedRendering {

  /** One language's edition of a built week: its JSON and its rendered files. */
  @SuppressWarnings("ArrayRecordComponent") // the edition's bytes; never compared or hashed
  record Part(Locale language, Tlp tlp, byte[] json, Map<Format, byte[]> files) {}

  /** A built week: the files written, and each language's edition. */
  record Built(Set<Format> formats, EditionFiles files, List<Part> parts) {}

  private static final int KEPT = 4;

  private final Path templates;
  private BulletinRenderer renderer;
  private final Semaphore slots = new Semaphore(Runtime.getRuntime().availableProcessors(), true);
  private final AtomicInteger weeksRendering = new AtomicInteger();
  private final ReentrantLock writes = new ReentrantLock(true);

  /** The weeks built last, by the digest of their inputs. */
  private final Map<String, Built> built =
      new LinkedHashMap<>(KEPT, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Built> eldest) {
          return size() > KEPT;
        }
      };

  SharedRendering(Path templates) {
    this.templates = templates;
  }

  /** The renderer, created on first use. */
  synchronized BulletinRenderer renderer() {
    if (renderer == null) {
      renderer = new BulletinRenderer(templates);
    }
    return renderer;
  }

  /**
   * Runs one render in a slot, waiting for one if every core is rendering already.
   *
   * @throws ServiceFailure.Failed if interrupted while waiting
   */
  <T> T inSlot(Supplier<T> render) {
    try {
      slots.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServiceFailure.Failed("interrupted while waiting to render", e);
    }
    try {
      return render.get();
    } finally {
      slots.release();
    }
  }

  /** Counts a week's render while it runs: see {@link #spareCores()}. */
  <T> T countingWeek(Supplier<T> render) {
    weeksRendering.incrementAndGet();
    try {
      return render.get();
    } finally {
      weeksRendering.decrementAndGet();
    }
  }

  /** Whether fewer weeks are rendering than there are cores, so languages may go side by side. */
  boolean spareCores() {
    return weeksRendering.get() < Runtime.getRuntime().availableProcessors();
  }

  /**
   * Runs {@code write} once no other thread of this process is writing to the output folder (the
   * lock file still keeps other processes out).
   */
  <T> T writing(Supplier<T> write) {
    writes.lock();
    try {
      return write.get();
    } finally {
      writes.unlock();
    }
  }

  /** The week built from the inputs of digest {@code fingerprint} in at least {@code formats}. */
  synchronized Optional<Built> built(String fingerprint, Set<Format> formats) {
    Built found = built.get(fingerprint);
    return found != null && found.formats().containsAll(formats)
        ? Optional.of(found)
        : Optional.empty();
  }

  /** One language's edition of the week built from the inputs of digest {@code fingerprint}. */
  synchronized Optional<Part> part(String fingerprint, Locale language) {
    Built found = built.get(fingerprint);
    if (found == null) {
      return Optional.empty();
    }
    return found.parts().stream().filter(p -> p.language().equals(language)).findFirst();
  }

  /** Keeps {@code week}, built from the inputs of digest {@code fingerprint}. */
  synchronized void keep(String fingerprint, Built week) {
    built.put(fingerprint, week);
  }
}
