package org.certbulletin.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.certbulletin.model.WeekId;
import org.certbulletin.testing.CliProcess;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.SampleWorkspaceExtension;
import org.certbulletin.testing.SmtpSink;
import org.certbulletin.testing.TestPostgres;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Two nodes sending one 10,000-recipient list at the same time through one PostgreSQL ledger: each
 * recipient gets exactly one copy and both nodes do a real share of the work.
 */
@Tag("slow")
@ExtendWith(SampleWorkspaceExtension.class)
// waits on processes of its own: runs beside the other classes
@Execution(ExecutionMode.CONCURRENT)
class LargeSharedListTest {

  private static final WeekId W51 = WeekId.parse("2024-W51");

  /** 3,000 in {@code mvn verify}; {@code -Dlarge.readers=10000} for the soak. */
  private static final int READERS = Integer.getInteger("large.readers", 3_000);

  private static final int RATE = 10_000;

  @Test
  void twoNodesShareALargeListAndEachGetsOneCopy(SampleWorkspace sample) throws Exception {
    // the sink greets neither sender until both have connected: a child JVM may start and render
    // many seconds before the other on a busy machine, and would otherwise send most of the list
    try (SmtpSink sink = new SmtpSink(2)) {
      sample.configure(
          "smtp",
          "{\"host\": \"127.0.0.1\", \"port\": "
              + sink.port()
              + ", \"security\": \"none\", \"from\": \"bulletin@cert.example\", \"timeout\":"
              + " \"PT3M\", \"rate_per_second\": "
              + RATE
              + "}");
      sample.configure(
          "state", "{\"jdbc_url\": \"" + TestPostgres.newDatabase() + "\", \"cluster\": true}");
      List<String> readers = MailFixture.publicSubscribers(sample, READERS);
      List<String> args = new ArrayList<>(List.of("send", W51.toString(), "--list", "public"));
      args.addAll(Arrays.asList(sample.options()));

      int first;
      int second;
      long started = System.nanoTime();
      try (CliProcess a = CliProcess.start(sample.root().resolve("a.log"), args);
          CliProcess b = CliProcess.start(sample.root().resolve("b.log"), args)) {
        // the run that ends first may see the other's last delivery in flight: still due (exit 1)
        assertThat(a.await(Duration.ofMinutes(3))).as(a.output()).isIn(0, 1);
        assertThat(b.await(Duration.ofMinutes(3))).as(b.output()).isIn(0, 1);
        assertThat(a.output()).contains(" 0 uncertain");
        assertThat(b.output()).contains(" 0 uncertain");
        (a.output() + "\n" + b.output())
            .lines()
            .filter(l -> l.contains("newly queued") || l.contains("sent now"))
            .forEach(l -> System.out.println("shared list: " + l));
        first = sentNow(a.output());
        second = sentNow(b.output());
      }
      System.out.printf(
          java.util.Locale.ROOT,
          "shared list: %d + %d messages in %.1f s (two processes, starts included)%n",
          first,
          second,
          (System.nanoTime() - started) / 1e9);

      assertThat(first + second).isEqualTo(READERS);
      assertThat(Math.min(first, second))
          .as("each node sent a substantial share (%d and %d)", first, second)
          .isGreaterThanOrEqualTo(READERS / 10);
      Map<String, Integer> copies = sink.copies();
      assertThat(copies).hasSize(READERS);
      assertThat(copies.keySet()).containsAll(readers);
      assertThat(copies.values()).allMatch(count -> count == 1);
      assertThat(sink.messages()).isEqualTo(READERS);
    }
  }

  private static int sentNow(String output) {
    Matcher matcher = Pattern.compile("(\\d+) sent now").matcher(output);
    assertThat(matcher.find()).as(output).isTrue();
    return Integer.parseInt(matcher.group(1));
  }
}
