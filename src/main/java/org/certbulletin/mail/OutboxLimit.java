package org.certbulletin.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Locale;
import org.certbulletin.model.InvalidDataException;

/**
 * How much an outbox may take: every message carries the edition's PDF, so a large list can fill a
 * disk. {@code force} writes it whatever its size.
 */
public record OutboxLimit(long bytes, boolean force) {

  public OutboxLimit {
    if (bytes < 0) {
      throw new IllegalArgumentException("bytes < 0: " + bytes);
    }
  }

  /**
   * Refuses, before anything is written, {@code count} messages the size of {@code sample} that
   * would take more than the limit.
   *
   * @throws InvalidDataException naming {@code folder} if they would
   */
  void check(Path folder, MimeMessage sample, int count) throws IOException, MessagingException {
    ByteCounter counter = new ByteCounter();
    sample.writeTo(counter);
    long total = Math.multiplyExact(counter.count, (long) count);
    if (total > bytes) {
      throw InvalidDataException.of(
          folder.toString(),
          String.format(
              Locale.ROOT,
              "%d messages of about %.1f MB each would take about %.1f MB, more than the outbox"
                  + " limit of %.1f MB; nothing was written and the outbox was left as it was. Send"
                  + " with --force to write them anyway, or raise --outbox-limit",
              count,
              counter.count / 1e6,
              total / 1e6,
              bytes / 1e6));
    }
  }

  /** Counts what is written to it and keeps nothing. */
  private static final class ByteCounter extends OutputStream {

    private long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }
}
