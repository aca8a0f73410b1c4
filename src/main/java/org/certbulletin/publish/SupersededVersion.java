package org.certbulletin.publish;

import java.util.Objects;
import java.util.function.Supplier;
import org.certbulletin.model.WeekId;

/**
 * An earlier version of a corrected week that the archive keeps at its own address ({@code
 * 2024/W51/v1/}), as a publish is given it: rendered only when {@code inputs} differ from those it
 * was last published from, or its files are gone.
 *
 * @param inputs the digest of everything it is rendered from, its own content and revision among
 *     them (see {@link InputFingerprint})
 * @param render renders its edition, in every language, when asked
 */
public record SupersededVersion(
    WeekId week, int version, String inputs, Supplier<EditionFiles> render) {

  public SupersededVersion {
    Objects.requireNonNull(week, "week == null");
    if (version < 1) {
      throw new IllegalArgumentException("a version number starts at 1: " + version);
    }
    Objects.requireNonNull(inputs, "inputs == null");
    Objects.requireNonNull(render, "render == null");
  }
}
