package org.certbulletin.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One headline figure of a week: a count, optionally split into parts that add up to it ({@code
 * breakdown}) and with named subsets ({@code ofWhich}, e.g. government sites).
 */
public record Tally(
    long value,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Long> breakdown,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Long> ofWhich) {

  public Tally {
    if (value < 0) {
      throw new IllegalArgumentException("value < 0: " + value);
    }
    breakdown =
        Collections.unmodifiableMap(
            new LinkedHashMap<>(Objects.requireNonNull(breakdown, "breakdown == null")));
    ofWhich =
        Collections.unmodifiableMap(
            new LinkedHashMap<>(Objects.requireNonNull(ofWhich, "ofWhich == null")));
  }

  public static Tally of(long value) {
    return new Tally(value, Map.of(), Map.of());
  }
}
