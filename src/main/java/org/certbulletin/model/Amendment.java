package org.certbulletin.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing a correction changed between two versions of a week's bulletin, derived by {@link
 * Amendments#between}, never typed in. The values are machine text ({@code Locale.ROOT}): a count,
 * a severity's code, a CVSS score, {@code true}/{@code false}, an ISO-8601 time; the renderer words
 * them in each edition's language.
 *
 * @param subject what changed: a tally's key, an advisory's id, a highlight's title; empty for the
 *     week's own fields
 * @param part a tally's breakdown part or named subset
 * @param before the old value; empty for something added or for a change that has no one value
 * @param after the new value; empty for something removed or for a change that has no one value
 */
public record Amendment(
    Kind kind,
    Optional<String> subject,
    Optional<String> part,
    Optional<String> before,
    Optional<String> after) {

  /** What kind of thing changed. */
  public enum Kind {
    ISSUE,
    ISSUE_TOTAL,
    PUBLISHED,
    TLP,
    SITUATION,
    SITUATION_TEXT,
    TALLY,
    BREAKDOWN,
    OF_WHICH,
    HIGHLIGHT_ADDED,
    HIGHLIGHT_REMOVED,
    HIGHLIGHT_CHANGED,
    ADVISORY_ADDED,
    ADVISORY_REMOVED,
    ADVISORY_SEVERITY,
    ADVISORY_CVSS,
    ADVISORY_EXPLOITED,
    ADVISORY_DETAILS,
    PARTNERS,
    NOTES,
    OTHER;

    @JsonCreator
    public static Kind fromCode(String code) {
      return EnumCodes.parse(Kind.class, code, Kind::code, "kind of change");
    }

    /** The code in the edition's JSON: {@code advisory_added}. */
    @JsonValue
    public String code() {
      return EnumCodes.lowerCase(this);
    }
  }

  public Amendment {
    Objects.requireNonNull(kind, "kind == null");
    Objects.requireNonNull(subject, "subject == null");
    Objects.requireNonNull(part, "part == null");
    Objects.requireNonNull(before, "before == null");
    Objects.requireNonNull(after, "after == null");
  }

  /** A change of the week's own field, from {@code before} to {@code after}. */
  static Amendment of(Kind kind, Optional<String> before, Optional<String> after) {
    return new Amendment(kind, Optional.empty(), Optional.empty(), before, after);
  }

  /** A change of {@code subject} with no one old and new value to show. */
  static Amendment of(Kind kind, String subject) {
    return new Amendment(
        kind, Optional.of(subject), Optional.empty(), Optional.empty(), Optional.empty());
  }
}
