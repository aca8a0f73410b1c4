package org.certbulletin.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.certbulletin.benchmarks.Product.Start;
import org.certbulletin.ingest.DataDirectory;

/**
 * A fresh {@code build} process of the week, median of the cold runs: {@code build_cold_ms} of the
 * data as it is (every language) started by the launcher, {@code build_cold_plain_ms} the same with
 * plain {@code java -jar}, and, for a bulletin in several languages, {@code build_cold_en_ms} etc.
 * for a copy written in that language alone.
 */
final class ColdBuilds {

  private ColdBuilds() {}

  static void run(Setup setup) throws IOException, InterruptedException {
    Path scratch = Files.createTempDirectory("cert-bulletin-cold");
    List<Double> launcher = new ArrayList<>();
    List<Double> plain = new ArrayList<>();
    for (int i = 0; i < setup.coldRuns(); i++) {
      Figures.progress("cold: build " + (i + 1) + " of " + setup.coldRuns());
      launcher.add(build(setup, Start.LAUNCHER, setup.data(), scratch));
      plain.add(build(setup, Start.PLAIN, setup.data(), scratch));
    }
    setup.figures().add("build_cold_ms", new Stats(launcher).median(), "ms");
    setup.figures().add("build_cold_plain_ms", new Stats(plain).median(), "ms");
    List<Locale> languages = new DataDirectory(setup.data()).config().languages();
    if (languages.size() < 2) {
      return;
    }
    for (Locale language : languages) {
      String tag = language.toLanguageTag();
      Path data = scratch.resolve("data-" + tag);
      DataFolders.copy(setup.data(), data);
      ConfigFile.edit(data, config -> config.putArray("languages").add(tag));
      List<Double> alone = new ArrayList<>();
      for (int i = 0; i < setup.coldRuns(); i++) {
        Figures.progress("cold: build in " + tag + " " + (i + 1) + " of " + setup.coldRuns());
        alone.add(build(setup, Start.LAUNCHER, data, scratch));
      }
      setup.figures().add("build_cold_" + tag + "_ms", new Stats(alone).median(), "ms");
    }
  }

  private static double build(Setup setup, Start start, Path data, Path scratch)
      throws IOException, InterruptedException {
    Path out = Files.createTempDirectory(scratch, "out-");
    return setup
        .product()
        .time(start, setup.workspace(data, out), "build", setup.week().toString());
  }
}
