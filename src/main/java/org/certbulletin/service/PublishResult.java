package org.certbulletin.service;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.certbulletin.model.WeekId;

/**
 * What a publish did.
 *
 * @param site the published archive
 * @param built the weeks rendered anew
 * @param unchanged the weeks whose editions were kept
 * @param failed the weeks that could not be rendered, and why
 * @param changed whether the archive changed
 * @param withheld the weeks left out of the archive or kept at an earlier version (not approved,
 *     not released yet), each with what stands in the way
 */
public record PublishResult(
    Path site,
    List<WeekId> built,
    List<WeekId> unchanged,
    Map<WeekId, FailedWeek> failed,
    boolean changed,
    Map<WeekId, String> withheld) {

  public PublishResult {
    built = List.copyOf(built);
    unchanged = List.copyOf(unchanged);
    failed = Collections.unmodifiableMap(new TreeMap<>(failed));
    withheld = Collections.unmodifiableMap(new TreeMap<>(withheld));
  }
}
