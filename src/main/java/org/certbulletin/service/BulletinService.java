package org.certbulletin.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.certbulletin.ingest.DataDirectory;
import org.certbulletin.ingest.InvalidDataException;
import org.certbulletin.ingest.Location;
import org.certbulletin.ingest.Problem;
import org.certbulletin.ingest.WeekWriter;
import org.certbulletin.model.Bulletin;
import org.certbulletin.model.Week;
import org.certbulletin.model.WeekId;
import org.certbulletin.publish.AtomicFiles;
import org.certbulletin.publish.OutputLayout;
import org.certbulletin.render.BulletinRenderer;
import org.certbulletin.render.Format;
import org.certbulletin.render.RenderedBulletin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The operations the command line and the scheduler offer: validate, build, and later publish and send. */
public final class BulletinService {

  /** The normalised data file written beside each edition. */
  public static final String JSON_FILE = "bulletin.json";

  private static final Logger log = LoggerFactory.getLogger(BulletinService.class);

  private final Workspace workspace;
  private final DataDirectory data;
  private final OutputLayout layout;
  private BulletinRenderer renderer;

  public BulletinService(Workspace workspace) {
    this.workspace = workspace;
    this.data = new DataDirectory(workspace.data());
    this.layout = new OutputLayout(workspace.out());
  }

  public DataDirectory data() {
    return data;
  }

  public OutputLayout layout() {
    return layout;
  }

  /** The newest week that has a data file. */
  public WeekId latestWeek() {
    List<WeekId> weeks = data.weeks();
    if (weeks.isEmpty()) {
      throw InvalidDataException.of(new Problem(workspace.data().resolve("weeks").toString(), Location.START, "",
          "no week files found; add one named like 2024-W51.json"));
    }
    return weeks.get(weeks.size() - 1);
  }

  /** Every problem in the configuration and the given weeks (all weeks if none are given). */
  public List<Problem> validate(List<WeekId> weeks) {
    List<Problem> problems = new ArrayList<>();
    if (weeks.isEmpty()) {
      for (Path stray : data.strayFiles()) {
        problems.add(new Problem(stray.toString(), Location.START, "",
            "file name is not an ISO week, so this file is ignored; rename it like 2024-W51.json"));
      }
    }
    problems.addAll(data.validate(weeks.isEmpty() ? data.weeks() : weeks));
    return problems;
  }

  /**
   * Renders one week's edition at its own TLP and writes it to the output folder. Everything is
   * rendered before anything is written, and each file is replaced atomically, so a failure
   * leaves what was there before.
   */
  public BuildResult build(WeekId id, Set<Format> formats) {
    Bulletin full = data.bulletin(id);
    Week edition = full.week().editionFor(full.week().tlp());
    Bulletin bulletin = new Bulletin(edition, full.previous(), full.history(), full.config());
    byte[] json = WeekWriter.write(edition);
    RenderedBulletin rendered = renderer().render(bulletin, json, formats);
    Map<Path, byte[]> files = new LinkedHashMap<>();
    Path folder = layout.weekFolder(id, edition.tlp());
    files.put(folder.resolve(JSON_FILE), json);
    rendered.files().forEach((format, bytes) -> files.put(folder.resolve(format.fileName()), bytes));
    List<Path> written = new ArrayList<>();
    List<Path> unchanged = new ArrayList<>();
    try {
      for (Map.Entry<Path, byte[]> file : files.entrySet()) {
        (AtomicFiles.write(file.getKey(), file.getValue()) ? written : unchanged).add(file.getKey());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + folder + ": " + e.getMessage(), e);
    }
    log.info("built {} ({}): {} written, {} unchanged", id, edition.tlp().label(), written.size(), unchanged.size());
    return new BuildResult(id, edition.tlp(), folder, written, unchanged);
  }

  private synchronized BulletinRenderer renderer() {
    if (renderer == null) {
      renderer = new BulletinRenderer(workspace.templates());
    }
    return renderer;
  }
}
