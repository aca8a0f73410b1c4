package org.certbulletin.service;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.certbulletin.files.OutputLayout;
import org.certbulletin.model.Tlp;
import org.certbulletin.model.WeekId;
import org.certbulletin.publish.PublishPlan;
import org.certbulletin.publish.SiteGenerations;

/**
 * What {@code status} says of the archive: the weeks published and current, stale or not published,
 * the latest week readers have, and the latest edition {@code build} wrote that they do not have
 * yet.
 */
final class ArchiveStatus {

  private ArchiveStatus() {}

  static StatusReport.Archive of(PublishPlan plan, OutputLayout layout) throws IOException {
    return new StatusReport.Archive(
        plan.weeks(PublishPlan.State.CURRENT),
        plan.weeks(PublishPlan.State.STALE),
        plan.weeks(PublishPlan.State.MISSING),
        latestPublished(plan)
            .map(
                week ->
                    new StatusReport.Published(
                        week,
                        plan.published(week).orElseThrow().tlp(),
                        plan.states().get(week) == PublishPlan.State.STALE)),
        latestPreview(plan, layout));
  }

  /**
   * The newest week readers have: published with its files in place, current or stale (a stale
   * week's earlier edition is still in the archive), or published and since without data.
   */
  private static Optional<WeekId> latestPublished(PublishPlan plan) {
    List<WeekId> weeks = new ArrayList<>(plan.states().keySet());
    weeks.addAll(plan.removed());
    return weeks.stream().filter(w -> plan.keepable(w).isPresent()).max(WeekId::compareTo);
  }

  /**
   * The newest edition {@code build} wrote that readers do not have: in {@code out/preview/} once
   * the archive is published, in {@code out/site/} before the first publish. A preview of a week
   * published and current since, or of a week without data, is not named.
   */
  private static Optional<StatusReport.Preview> latestPreview(PublishPlan plan, OutputLayout layout)
      throws IOException {
    boolean archive = new SiteGenerations(layout.site()).isPublished();
    Path folder = archive ? layout.previews() : layout.site();
    return builtWeeks(folder).stream()
        .filter(
            week ->
                plan.states().containsKey(week)
                    && plan.states().get(week) != PublishPlan.State.CURRENT)
        .max(WeekId::compareTo)
        .map(
            week ->
                new StatusReport.Preview(
                    week,
                    archive ? layout.previewFolder(week) : layout.weekFolder(week, Tlp.CLEAR)));
  }

  /** The weeks with an edition folder ({@code 2024/W51}) under {@code folder}. */
  private static List<WeekId> builtWeeks(Path folder) throws IOException {
    List<WeekId> weeks = new ArrayList<>();
    if (!Files.isDirectory(folder)) {
      return weeks;
    }
    try (DirectoryStream<Path> years = Files.newDirectoryStream(folder, "[0-9][0-9][0-9][0-9]")) {
      for (Path year : years) {
        try (DirectoryStream<Path> inYear = Files.newDirectoryStream(year, "W[0-9][0-9]")) {
          for (Path week : inYear) {
            if (Files.isDirectory(week)) {
              try {
                weeks.add(WeekId.parse(year.getFileName() + "-" + week.getFileName()));
              } catch (IllegalArgumentException e) {
                // W54, say: not a week's folder
              }
            }
          }
        }
      }
    }
    return weeks;
  }
}
