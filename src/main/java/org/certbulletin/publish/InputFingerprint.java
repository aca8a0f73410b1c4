package org.certbulletin.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.certbulletin.files.Digests;
import org.certbulletin.files.JsonMapping;
import org.certbulletin.ingest.DataDirectory;
import org.certbulletin.model.Release;
import org.certbulletin.model.WeekId;
import org.certbulletin.pgp.Certificate;

/**
 * The digest of everything a week's edition is rendered from: its data file, the earlier weeks its
 * changes and trend use, the configuration, every template file, and the code and libraries that
 * render ({@link Release#renderDigest()}, computed when the jar is built); for a week the review
 * workflow numbers, the version it is shown as (its history, correction and successor) and the
 * content of the version it corrects. When it is unchanged, re-rendering would give the same bytes,
 * so publishing can skip the week.
 */
public final class InputFingerprint {

  private final DataDirectory data;
  private final List<WeekId> weeks;
  private final byte[] shared;

  public InputFingerprint(DataDirectory data, Path templatesDir) {
    this.data = data;
    this.weeks = data.weeks();
    MessageDigest sha = Digests.newSha256();
    sha.update(Release.current().renderDigest().getBytes(StandardCharsets.UTF_8));
    sha.update(data.rawBytes(data.configFile()).orElse(new byte[0]));
    // every edition prints the signing key's fingerprint and carries its signatures
    sha.update(
        data.signingCertificate()
            .map(Certificate::fingerprint)
            .orElse("")
            .getBytes(StandardCharsets.UTF_8));
    hashTree(templatesDir, sha);
    this.shared = sha.digest();
  }

  /** The weeks present in the data folder when this fingerprint was taken. */
  public List<WeekId> weeks() {
    return weeks;
  }

  /** The digest of the inputs of {@code week}'s edition. */
  public String of(WeekId week) {
    MessageDigest sha = Digests.newSha256();
    sha.update(shared);
    update(sha, week);
    data.version(week)
        .ifPresent(
            version -> {
              sha.update(JsonMapping.mapper().writeValueAsBytes(version.revision()));
              sha.update(Digests.newSha256().digest(version.earlier().orElse(new byte[0])));
            });
    for (WeekId earlier : DataDirectory.history(week, weeks)) {
      update(sha, earlier);
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private void update(MessageDigest sha, WeekId week) {
    sha.update(week.toString().getBytes(StandardCharsets.UTF_8));
    sha.update(Digests.newSha256().digest(data.rawBytes(data.weekFile(week)).orElse(new byte[0])));
  }

  private static void hashTree(Path root, MessageDigest sha) {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        sha.update(
            root.relativize(file).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(Digests.newSha256().digest(Files.readAllBytes(file)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read templates in " + root, e);
    }
  }
}
