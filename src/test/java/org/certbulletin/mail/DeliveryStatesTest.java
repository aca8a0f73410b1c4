package org.certbulletin.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.certbulletin.store.DeliveryLedger.Entry;
import org.certbulletin.store.DeliveryLedger.Status;
import org.junit.jupiter.api.Test;

class DeliveryStatesTest {

  private static final Set<String> CURRENT = Set.of("a@x.org", "b@x.org", "c@x.org", "d@x.org");

  @Test
  void dueHoldsTheQueuedDeliveriesOfCurrentRecipientsInOrderAndCountsTheSent() {
    List<Entry> entries =
        List.of(
            entry(1, "c@x.org", Status.QUEUED),
            entry(2, "a@x.org", Status.SENT),
            entry(3, "gone@x.org", Status.QUEUED),
            entry(4, "gone@x.org", Status.SENT),
            entry(5, "b@x.org", Status.QUEUED),
            entry(6, "d@x.org", Status.FAILED));

    DeliveryStates.Due due = DeliveryStates.due(entries, CURRENT);

    assertThat(due.queued()).extracting(Entry::id).containsExactly(1L, 5L);
    assertThat(due.alreadySent()).isEqualTo(1);
  }

  @Test
  void aDeliveryClaimedByAnotherLiveRunIsDeferredAndOneOfADeadRunIsUncertain() {
    List<Entry> entries =
        List.of(
            claimed(1, "a@x.org", "other", "<1@x>"),
            claimed(2, "b@x.org", "dead", "<2@x>"),
            claimed(3, "c@x.org", "this", "<3@x>"));

    DeliveryStates.Outcomes outcomes =
        DeliveryStates.outcomes(entries, CURRENT, Set.of("other", "this"), "this", null);

    assertThat(outcomes.deferred())
        .containsOnlyKeys("a@x.org")
        .containsValue("being sent by another run that is still going, right now");
    assertThat(outcomes.uncertain()).containsExactly("b@x.org <2@x>", "c@x.org <3@x>");
  }

  @Test
  void theSameClaimIsUncertainOnceItsRunIsNoLongerLive() {
    List<Entry> entries = List.of(claimed(1, "a@x.org", "other", "<1@x>"));

    DeliveryStates.Outcomes outcomes =
        DeliveryStates.outcomes(entries, CURRENT, Set.of(), "this", null);

    assertThat(outcomes.deferred()).isEmpty();
    assertThat(outcomes.uncertain()).containsExactly("a@x.org <1@x>");
  }

  @Test
  void aQueuedDeliveryGivesItsLastErrorElseWhyItWasNotAttempted() {
    Entry held =
        new Entry(
            1,
            "2024-W51",
            "public",
            "a@x.org",
            "clear",
            Status.QUEUED,
            0,
            Optional.empty(),
            Optional.empty(),
            Optional.of("no key for a@x.org"),
            Optional.empty());
    List<Entry> entries = List.of(held, entry(2, "b@x.org", Status.QUEUED));

    assertThat(DeliveryStates.outcomes(entries, CURRENT, Set.of(), "this", "stopped").deferred())
        .containsEntry("a@x.org", "no key for a@x.org")
        .containsEntry("b@x.org", "not attempted: stopped");
    assertThat(DeliveryStates.outcomes(entries, CURRENT, Set.of(), "this", null).deferred())
        .containsEntry("b@x.org", "not attempted");
  }

  @Test
  void recipientsNoLongerOnTheListAreLeftOutOfTheOutcomes() {
    List<Entry> entries =
        List.of(entry(1, "gone@x.org", Status.FAILED), entry(2, "d@x.org", Status.FAILED));

    DeliveryStates.Outcomes outcomes =
        DeliveryStates.outcomes(entries, CURRENT, Set.of(), "this", null);

    assertThat(outcomes.failed()).containsOnlyKeys("d@x.org").containsValue("refused");
  }

  private static Entry entry(long id, String recipient, Status status) {
    return new Entry(
        id,
        "2024-W51",
        "public",
        recipient,
        "clear",
        status,
        0,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  private static Entry claimed(long id, String recipient, String run, String messageId) {
    return new Entry(
        id,
        "2024-W51",
        "public",
        recipient,
        "clear",
        Status.SENDING,
        1,
        Optional.of(messageId),
        Optional.empty(),
        Optional.empty(),
        Optional.of(run));
  }
}
