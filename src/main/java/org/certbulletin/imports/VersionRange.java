package org.certbulletin.imports;

import java.util.Objects;

/**
 * One entry of an advisory's affected or fixed versions as its source structures it: a version or
 * product named as it is, or a range of versions. Kept as structure until it is written, so that
 * each language of the bulletin words it ({@link VersionWording}).
 *
 * @param from the first version of the range; empty when the range starts at the first version
 * @param to the version that ends it; empty when it is open-ended
 */
record VersionRange(Kind kind, String from, String to) {

  /** What the range covers. */
  enum Kind {
    /** One version or product, named as the source names it: {@code 1.8.0}. */
    NAMED,
    /** Versions from {@code from} (or every earlier one) up to, not including, {@code to}. */
    BEFORE,
    /** Versions from {@code from} (or every earlier one) up to and including {@code to}. */
    THROUGH,
    /** {@code from} and every later version; every version when {@code from} is empty. */
    LATER
  }

  VersionRange {
    Objects.requireNonNull(kind, "kind == null");
    Objects.requireNonNull(from, "from == null");
    Objects.requireNonNull(to, "to == null");
  }

  static VersionRange named(String name) {
    return new VersionRange(Kind.NAMED, name, "");
  }

  /**
   * The range from {@code from} to {@code to}, inclusive or not; a start of {@code 0}, {@code *} or
   * nothing is the first version (CVE records write {@code "version": "0"} for it).
   */
  static VersionRange upTo(String from, String to, boolean inclusive) {
    return new VersionRange(inclusive ? Kind.THROUGH : Kind.BEFORE, start(from), to);
  }

  /** {@code from} and every later version. */
  static VersionRange from(String from) {
    return new VersionRange(Kind.LATER, start(from), "");
  }

  private static String start(String version) {
    return version.isEmpty() || "0".equals(version) || "*".equals(version) ? "" : version;
  }
}
