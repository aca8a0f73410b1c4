package org.certbulletin.publish;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.certbulletin.model.WeekId;

/**
 * What a publish did.
 *
 * @param failed weeks that could not be rendered, with the reason; their earlier edition, if any,
 *     stays published
 * @param generation the new archive generation, empty if nothing changed
 */
public record PublishReport(
    List<WeekId> built,
    List<WeekId> skipped,
    Map<WeekId, WeekFailure> failed,
    List<WeekId> removed,
    Optional<java.nio.file.Path> generation) {

  public PublishReport {
    built = built.stream().sorted().toList();
    skipped = skipped.stream().sorted().toList();
    failed = Collections.unmodifiableMap(new TreeMap<>(failed));
    removed = List.copyOf(removed);
  }

  public boolean changed() {
    return generation.isPresent();
  }
}
