package org.certbulletin.benchmarks;

import java.nio.file.Path;
import java.util.List;
import org.certbulletin.model.WeekId;
import org.certbulletin.service.Workspace;

/**
 * What every group of the {@link Harness} works on: the product, the data folder and templates it
 * copies and varies, the week it builds and sends, how many fresh processes it times per figure,
 * where the figures go, and the maximum heaps the API's load runs with in fresh JVMs.
 */
record Setup(
    Product product,
    Path data,
    Path templates,
    WeekId week,
    int coldRuns,
    Figures figures,
    List<String> apiHeaps) {

  /** A workspace with these templates. */
  Workspace workspace(Path data, Path out) {
    return new Workspace(data, templates, out);
  }
}
