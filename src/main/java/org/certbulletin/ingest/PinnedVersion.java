package org.certbulletin.ingest;

import java.util.Objects;
import java.util.Optional;
import org.certbulletin.model.Revision;

/**
 * Which version of its week a pinned week is, as its editions show it.
 *
 * @param revision the version, its history and (for a correction) when and why; its changes are
 *     derived from {@code earlier} when the edition is put together
 * @param earlier for a correction, the content of the version it corrects
 */
@SuppressWarnings("ArrayRecordComponent") // a week file's bytes; never compared or hashed
public record PinnedVersion(Revision revision, Optional<byte[]> earlier) {

  public PinnedVersion {
    Objects.requireNonNull(revision, "revision == null");
    Objects.requireNonNull(earlier, "earlier == null");
  }
}
