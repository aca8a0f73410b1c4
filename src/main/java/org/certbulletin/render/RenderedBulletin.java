package org.certbulletin.render;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.certbulletin.model.Format;

/** The rendered files of one bulletin edition, by format. */
public record RenderedBulletin(Map<Format, byte[]> files) {

  public RenderedBulletin {
    files =
        Collections.unmodifiableMap(
            files.isEmpty() ? new EnumMap<>(Format.class) : new EnumMap<>(files));
  }

  public Optional<byte[]> file(Format format) {
    return Optional.ofNullable(files.get(format));
  }
}
