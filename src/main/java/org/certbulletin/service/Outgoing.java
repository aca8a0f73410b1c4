package org.certbulletin.service;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.certbulletin.ingest.PinnedVersion;
import org.certbulletin.model.WeekId;

/**
 * What may leave now: the weeks the archive and the mail are made from, each approved week pinned
 * to the content approved, and the weeks held back and why (not approved, not released yet).
 *
 * @param pinned the content of each week to publish instead of its file, by week
 * @param versions the version each pinned week is published as
 * @param toPublish the pinned weeks whose version is approved and not yet published: a publish
 *     marks them published
 * @param withheld the weeks held back, each with what stands in the way, for people
 * @param releases the weeks held back only by their release time, and when they may leave
 * @param approvalRequired whether only approved weeks leave: then a week not pinned stays in
 * @param revisions which version each pinned week is, as its editions show it
 * @param superseded for each pinned week published as version 2 or later, every earlier version,
 *     oldest first, which the archive keeps at its own address
 */
record Outgoing(
    Map<WeekId, byte[]> pinned,
    Map<WeekId, Integer> versions,
    Set<WeekId> toPublish,
    Map<WeekId, String> withheld,
    Map<WeekId, Instant> releases,
    boolean approvalRequired,
    Map<WeekId, PinnedVersion> revisions,
    Map<WeekId, List<EarlierVersion>> superseded) {

  Outgoing {
    pinned = Map.copyOf(pinned);
    versions = Collections.unmodifiableMap(new TreeMap<>(versions));
    toPublish = Set.copyOf(toPublish);
    withheld = Collections.unmodifiableMap(new TreeMap<>(withheld));
    releases = Collections.unmodifiableMap(new TreeMap<>(releases));
    revisions = Map.copyOf(revisions);
    Map<WeekId, List<EarlierVersion>> earlier = new TreeMap<>();
    superseded.forEach((week, list) -> earlier.put(week, List.copyOf(list)));
    superseded = Collections.unmodifiableMap(earlier);
  }

  /** What may leave now, with no earlier versions to keep. */
  Outgoing(
      Map<WeekId, byte[]> pinned,
      Map<WeekId, Integer> versions,
      Set<WeekId> toPublish,
      Map<WeekId, String> withheld,
      Map<WeekId, Instant> releases,
      boolean approvalRequired,
      Map<WeekId, PinnedVersion> revisions) {
    this(pinned, versions, toPublish, withheld, releases, approvalRequired, revisions, Map.of());
  }

  /** Nothing pinned, nothing held: every week leaves as its file is. */
  static final Outgoing EVERYTHING =
      new Outgoing(Map.of(), Map.of(), Set.of(), Map.of(), Map.of(), false, Map.of());

  /** Whether {@code week} may leave now; if not, {@link #withheld()} says why. */
  boolean leaves(WeekId week) {
    return approvalRequired ? pinned.containsKey(week) : !withheld.containsKey(week);
  }

  /** Why {@code week} stays in, for people; see {@link #leaves}. */
  String whyNot(WeekId week) {
    return withheld.getOrDefault(week, "it has no approved version");
  }
}
