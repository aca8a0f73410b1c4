package org.certbulletin.publish;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.certbulletin.files.OutputLayout;
import org.certbulletin.model.ArchiveEntry;
import org.certbulletin.model.Tlp;
import org.certbulletin.model.WeekId;

/**
 * An earlier version of a corrected week as the archive holds it ({@code 2024/W51/v1/}): its files
 * with their digests and the digest of the inputs it was rendered from.
 */
public record ArchivedVersion(
    WeekId week, int version, Tlp tlp, String inputs, Map<String, ArchiveEntry.FileDigest> files) {

  public ArchivedVersion {
    Objects.requireNonNull(week, "week == null");
    if (version < 1) {
      throw new IllegalArgumentException("a version number starts at 1: " + version);
    }
    Objects.requireNonNull(tlp, "tlp == null");
    Objects.requireNonNull(inputs, "inputs == null");
    files = Collections.unmodifiableMap(new TreeMap<>(files));
  }

  /**
   * A file of this version relative to the top of the archive: {@code 2024/W51/v1/bulletin.pdf}.
   */
  String path(String file) {
    return OutputLayout.versionPath(week, version, file);
  }

  /** Whether this is version {@code number} of {@code id}. */
  boolean is(WeekId id, int number) {
    return week.equals(id) && version == number;
  }
}
