package org.certbulletin.service;

import java.nio.file.Path;
import java.util.List;
import org.certbulletin.model.Tlp;
import org.certbulletin.model.WeekId;

/** What building one week did: where its files are, and which of them changed. */
public record BuildResult(
    WeekId week, Tlp edition, Path folder, List<Path> written, List<Path> unchanged) {

  public BuildResult {
    written = List.copyOf(written);
    unchanged = List.copyOf(unchanged);
  }
}
