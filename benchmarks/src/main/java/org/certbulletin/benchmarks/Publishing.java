package org.certbulletin.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.certbulletin.benchmarks.Product.Start;
import org.certbulletin.model.ProgressListener;
import org.certbulletin.model.WeekId;
import org.certbulletin.publish.PublishReport;
import org.certbulletin.service.BulletinService;
import org.certbulletin.service.Workspace;
import org.certbulletin.testing.SyntheticData;

/**
 * Publishing {@link #WEEKS} generated weeks: {@code backfill_bulletins_per_s} into an empty {@code
 * out/}, a fresh process started by the launcher ({@code backfill_plain_bulletins_per_s} with plain
 * {@code java -jar}, {@code backfill_in_jvm_bulletins_per_s} inside this JVM), and {@code
 * publish_noop_ms} (median of 5 fresh processes) and {@code publish_noop_in_jvm_ms} (of 7) when
 * there is nothing to do.
 */
final class Publishing {

  /** Weeks in the generated archive: two years. */
  static final int WEEKS = 104;

  private Publishing() {}

  static void run(Setup setup) throws IOException, InterruptedException {
    Path scratch = Files.createTempDirectory("cert-bulletin-archive");
    Path data = scratch.resolve("data");
    new SyntheticData(42).write(data, WeekId.parse("2023-W01"), WEEKS, 5);
    Workspace workspace = setup.workspace(data, scratch.resolve("out"));
    Figures figures = setup.figures();
    Figures.progress(
        "publish: backfilling " + WEEKS + " weeks into an empty out/, by the launcher");
    figures.add(
        "backfill_bulletins_per_s",
        WEEKS / (setup.product().time(Start.LAUNCHER, workspace, "publish") / 1000),
        "bulletins/s");
    Figures.progress("publish: the same with plain java -jar");
    figures.add(
        "backfill_plain_bulletins_per_s",
        WEEKS
            / (setup
                    .product()
                    .time(
                        Start.PLAIN, setup.workspace(data, scratch.resolve("out-plain")), "publish")
                / 1000),
        "bulletins/s");
    List<Double> noop = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Figures.progress("publish: no-op publish " + (i + 1) + " of 5 (fresh process)");
      noop.add(setup.product().time(Start.LAUNCHER, workspace, "publish"));
    }
    figures.add("publish_noop_ms", new Stats(noop).median(), "ms");
    inJvm(setup, setup.workspace(data, scratch.resolve("out-warm")));
  }

  private static void inJvm(Setup setup, Workspace workspace)
      throws IOException, InterruptedException {
    Figures.progress("publish: backfill and no-op publish inside this JVM");
    long start = System.nanoTime();
    PublishReport report = new BulletinService(workspace).publish(ProgressListener.NONE);
    double seconds = (System.nanoTime() - start) / 1e9;
    if (report.built().size() != WEEKS) {
      throw new IllegalStateException(
          "backfill built " + report.built().size() + " weeks: " + report.failed());
    }
    setup.figures().add("backfill_in_jvm_bulletins_per_s", WEEKS / seconds, "bulletins/s");
    List<Double> noop = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      long begin = System.nanoTime();
      PublishReport again = new BulletinService(workspace).publish(ProgressListener.NONE);
      noop.add((System.nanoTime() - begin) / 1e6);
      if (again.changed() || !again.built().isEmpty()) {
        throw new IllegalStateException("a publish with nothing to do changed the archive");
      }
    }
    setup.figures().add("publish_noop_in_jvm_ms", new Stats(noop).median(), "ms");
  }
}
