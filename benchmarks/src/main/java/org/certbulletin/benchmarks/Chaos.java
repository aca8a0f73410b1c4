package org.certbulletin.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.certbulletin.benchmarks.Product.Start;
import org.certbulletin.service.Workspace;
import org.certbulletin.testing.SmtpSink;

/**
 * The real {@code send} command in a child process, killed with SIGKILL up to {@link #KILLS} times
 * right after (or a few milliseconds after) the server accepted a message, then run to the end and
 * once more with {@code --resend-uncertain}: {@code chaos_kills}, {@code chaos_messages}, {@code
 * chaos_duplicates} (recipients with two copies, counted before the resend, which may repeat an
 * uncertain delivery by design) and {@code chaos_lost} (recipients with none, after it); the last
 * two must be 0.
 */
final class Chaos {

  static final int RECIPIENTS = 150;
  static final int KILLS = 12;

  private Chaos() {}

  static void run(Setup setup) throws IOException, InterruptedException {
    Path scratch = Files.createTempDirectory("cert-bulletin-chaos");
    Path data = scratch.resolve("data");
    DataFolders.copy(setup.data(), data);
    DataFolders.publicList(data, RECIPIENTS);
    Random random = new Random(7);
    try (SmtpSink sink = new SmtpSink()) {
      ConfigFile.smtp(data, sink.port(), 200);
      Workspace workspace = setup.workspace(data, scratch.resolve("out"));
      int kills = 0;
      while (kills < KILLS && sink.messages() < RECIPIENTS - 10) {
        Figures.progress("chaos: run " + (kills + 1) + ", killed after a random message");
        Process send = send(setup, workspace);
        long target = sink.messages() + 1 + random.nextInt(8);
        while (sink.messages() < target && send.isAlive()) {
          Thread.sleep(1);
        }
        if (random.nextBoolean()) {
          Thread.sleep(random.nextInt(10));
        }
        if (send.isAlive()) {
          send.destroyForcibly().waitFor();
          kills++;
        }
      }
      Figures.progress("chaos: resuming without a kill, then with --resend-uncertain");
      send(setup, workspace).waitFor();
      int duplicates = (int) sink.copies().values().stream().filter(n -> n > 1).count();
      send(setup, workspace, "--resend-uncertain").waitFor();
      int lost = RECIPIENTS - sink.copies().size();
      Figures figures = setup.figures();
      figures.add("chaos_kills", kills, "kills");
      figures.add("chaos_messages", (double) sink.messages(), "messages");
      figures.add("chaos_duplicates", duplicates, "recipients");
      figures.add("chaos_lost", lost, "recipients");
    }
  }

  /** A {@code send} of the week to the public list, started as operators start it. */
  private static Process send(Setup setup, Workspace workspace, String... more) throws IOException {
    String[] command =
        Stream.concat(
                Stream.of("send", setup.week().toString(), "--list", "public"), Arrays.stream(more))
            .toArray(String[]::new);
    return setup.product().start(Start.LAUNCHER, workspace, command);
  }
}
