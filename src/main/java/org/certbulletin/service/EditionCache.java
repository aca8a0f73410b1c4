package org.certbulletin.service;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import org.certbulletin.files.AtomicFiles;
import org.certbulletin.files.Digests;
import org.certbulletin.render.MailBodies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A list's rendered edition (its mail bodies and PDF) kept in one state file, under the digest of
 * everything it was rendered from. A send started again after a crash finds it and sends the very
 * same bytes without rendering again; once any input changes (week data, configuration, templates,
 * the renderer itself) the key differs and the edition is rendered afresh. The file is replaced
 * atomically and carries a checksum, so a torn or damaged file is a miss, never a wrong edition.
 */
final class EditionCache {

  /** The rendered parts of a list's edition. */
  @SuppressWarnings("ArrayRecordComponent") // bytes to attach, never compared or hashed
  record Entry(MailBodies bodies, byte[] pdf) {}

  private static final String MAGIC = "cert-bulletin list edition 1";
  private static final int DIGEST_BYTES = 32;
  private static final Logger log = LoggerFactory.getLogger(EditionCache.class);

  private final Path file;

  EditionCache(Path file) {
    this.file = file;
  }

  /** The edition stored under {@code key}; empty if there is none, another, or a damaged one. */
  Optional<Entry> read(String key) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      log.warn("cannot read the rendered edition {}: {}; rendering it again", file, e.toString());
      return Optional.empty();
    }
    if (bytes.length < DIGEST_BYTES) {
      return damaged("too short");
    }
    int body = bytes.length - DIGEST_BYTES;
    MessageDigest sha = Digests.newSha256();
    sha.update(bytes, 0, body);
    if (!Arrays.equals(sha.digest(), Arrays.copyOfRange(bytes, body, bytes.length))) {
      return damaged("its checksum does not match");
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 0, body))) {
      if (!MAGIC.equals(text(in)) || !key.equals(text(in))) {
        return Optional.empty();
      }
      MailBodies bodies = new MailBodies(text(in), text(in), text(in));
      return Optional.of(new Entry(bodies, block(in)));
    } catch (IOException e) {
      return damaged(e.toString());
    }
  }

  /**
   * Stores {@code entry} under {@code key}, replacing what was there. A failure is logged, not
   * thrown: the edition is only rendered again next time.
   */
  void write(String key, Entry entry) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(entry.pdf().length + 64 * 1024);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      for (String text :
          new String[] {
            MAGIC, key, entry.bodies().subject(), entry.bodies().html(), entry.bodies().text()
          }) {
        block(out, text.getBytes(StandardCharsets.UTF_8));
      }
      block(out, entry.pdf());
      out.write(Digests.newSha256().digest(bytes.toByteArray()));
      out.flush();
      AtomicFiles.write(file, bytes.toByteArray());
    } catch (IOException e) {
      log.warn("cannot keep the rendered edition in {}: {}", file, e.toString());
    }
  }

  private Optional<Entry> damaged(String why) {
    log.warn("the rendered edition {} is damaged ({}); rendering it again", file, why);
    return Optional.empty();
  }

  private static String text(DataInputStream in) throws IOException {
    return new String(block(in), StandardCharsets.UTF_8);
  }

  private static byte[] block(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > in.available()) {
      throw new EOFException("a block of " + length + " bytes runs past the end");
    }
    return in.readNBytes(length);
  }

  private static void block(DataOutputStream out, byte[] bytes) throws IOException {
    out.writeInt(bytes.length);
    out.write(bytes);
  }
}
