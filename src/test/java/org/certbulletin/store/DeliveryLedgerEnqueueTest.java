package org.certbulletin.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.certbulletin.files.OutputLayout;
import org.certbulletin.model.StateSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Queuing a list's recipients in batches, also when two runs queue the same list at once. */
class DeliveryLedgerEnqueueTest {

  private static final Instant NOW = Instant.parse("2024-12-23T08:00:00Z");

  @TempDir Path out;

  @Test
  void queuesEveryRecipientOnceAndAgainNothing() {
    try (Database database = Database.open(StateSettings.defaults(), new OutputLayout(out))) {
      DeliveryLedger ledger = new DeliveryLedger(database.dataSource());
      List<String> recipients = recipients(2500);

      assertThat(ledger.enqueue("2024-W51", "public", "CLEAR", recipients, NOW)).isEqualTo(2500);
      assertThat(ledger.enqueue("2024-W51", "public", "CLEAR", recipients, NOW)).isZero();
      assertThat(ledger.entries("2024-W51", "public")).hasSize(2500);
    }
  }

  @Test
  void twoRunsQueuingTheSameListAtOnceQueueEachRecipientOnce() throws Exception {
    try (Database database = Database.open(StateSettings.defaults(), new OutputLayout(out))) {
      DeliveryLedger ledger = new DeliveryLedger(database.dataSource());
      for (int round = 0; round < 3; round++) {
        String list = "list" + round;
        List<String> recipients = recipients(2000);
        CyclicBarrier start = new CyclicBarrier(2);
        CompletableFuture<Integer> first =
            CompletableFuture.supplyAsync(() -> enqueueAfter(start, ledger, list, recipients));
        CompletableFuture<Integer> second =
            CompletableFuture.supplyAsync(() -> enqueueAfter(start, ledger, list, recipients));

        assertThat(first.get() + second.get()).isEqualTo(2000);
        assertThat(ledger.entries("2024-W51", list)).hasSize(2000);
      }
    }
  }

  private static int enqueueAfter(
      CyclicBarrier start, DeliveryLedger ledger, String list, List<String> recipients) {
    try {
      start.await();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return ledger.enqueue("2024-W51", list, "CLEAR", recipients, NOW);
  }

  private static List<String> recipients(int count) {
    List<String> recipients = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      recipients.add(String.format(Locale.ROOT, "reader%05d@example.org", i));
    }
    return recipients;
  }
}
