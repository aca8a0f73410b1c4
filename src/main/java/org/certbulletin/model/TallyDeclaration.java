package org.certbulletin.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A CERT's own tally as {@code config.json} declares it under {@code tallies}, in the language of
 * the edition at hand; its key is the member name. Under a built-in tally's key it renames that
 * tally or its parts, or adds parts to its breakdown.
 *
 * @param breakdown the parts it may be broken down into, key to label, in order
 * @param ofWhich its named subsets, key to label, in order
 * @param keyFigure absent: shown in the key-figures grid
 */
public record TallyDeclaration(
    Optional<String> label,
    Optional<String> unit,
    Map<String, String> breakdown,
    Map<String, String> ofWhich,
    Optional<Boolean> keyFigure,
    boolean trend) {

  public TallyDeclaration {
    Objects.requireNonNull(label, "label == null");
    Objects.requireNonNull(unit, "unit == null");
    breakdown = Collections.unmodifiableMap(new LinkedHashMap<>(breakdown));
    ofWhich = Collections.unmodifiableMap(new LinkedHashMap<>(ofWhich));
    Objects.requireNonNull(keyFigure, "keyFigure == null");
  }

  /** The definition of the CERT's own tally {@code key} declared so. */
  TallyDefinition definition(String key) {
    return new TallyDefinition(
        key,
        false,
        Optional.of(label.orElseThrow(() -> new IllegalArgumentException(key + " has no label"))),
        unit,
        breakdown.entrySet().stream()
            .map(e -> new TallyDefinition.Part(e.getKey(), Optional.of(e.getValue())))
            .toList(),
        ofWhich.entrySet().stream()
            .map(e -> new TallyDefinition.Part(e.getKey(), Optional.of(e.getValue())))
            .toList(),
        keyFigure.orElse(true),
        trend);
  }
}
