package org.certbulletin.service;

import java.util.Objects;
import org.certbulletin.ingest.PinnedVersion;

/**
 * A published version of a week that a later one corrected, as the archive keeps it at its own
 * address ({@code 2024/W51/v1/}).
 *
 * @param content the week's content as that version was approved
 * @param version which version it is, as its editions show it: its history, its own correction for
 *     version 2 and later, and the version that superseded it
 */
@SuppressWarnings("ArrayRecordComponent") // a week file's bytes; never compared or hashed
record EarlierVersion(int number, byte[] content, PinnedVersion version) {

  EarlierVersion {
    if (number < 1) {
      throw new IllegalArgumentException("a version number starts at 1: " + number);
    }
    Objects.requireNonNull(content, "content == null");
    Objects.requireNonNull(version, "version == null");
  }
}
