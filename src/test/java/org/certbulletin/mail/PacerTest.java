package org.certbulletin.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pacer on a fake clock: each sleep moves the clock on, and nothing really waits. */
class PacerTest {

  private final FakeTime time = new FakeTime();

  @Test
  void theFirstMessageGoesAtOnce() throws InterruptedException {
    Pacer pacer = time.pacer(4);

    pacer.await();

    assertThat(time.sleeps).isEmpty();
  }

  @Test
  void messagesSentBackToBackAreSpacedAtTheConfiguredRate() throws InterruptedException {
    Pacer pacer = time.pacer(4);

    for (int i = 0; i < 4; i++) {
      pacer.await();
    }

    assertThat(time.sleeps).containsExactly(millis(250), millis(250), millis(250));
    assertThat(time.now).isEqualTo(millis(750).toNanos());
  }

  @Test
  void timeSpentSendingCountsTowardsTheInterval() throws InterruptedException {
    Pacer pacer = time.pacer(4);
    pacer.await();

    time.pass(millis(100));
    pacer.await();

    assertThat(time.sleeps).containsExactly(millis(150));
  }

  @Test
  void noWaitingWhenAlreadyLate() throws InterruptedException {
    Pacer pacer = time.pacer(4);
    pacer.await();

    time.pass(millis(400));
    pacer.await();

    assertThat(time.sleeps).as("the interval is over: no wait").isEmpty();
  }

  @Test
  void lateMessagesAreNotFollowedByABurst() throws InterruptedException {
    Pacer pacer = time.pacer(4);
    pacer.await();
    time.pass(Duration.ofSeconds(10));
    pacer.await();

    pacer.await();

    assertThat(time.sleeps)
        .as("the next interval starts when the late message went, not at its slot")
        .containsExactly(millis(250));
  }

  @Test
  void slowDownHalvesTheRate() throws InterruptedException {
    Pacer pacer = time.pacer(4);
    pacer.await();
    pacer.await();

    pacer.slowDown();
    pacer.await();
    pacer.await();

    assertThat(pacer.perSecond()).isEqualTo(2);
    assertThat(time.sleeps)
        .as("the slot already given keeps its time; the ones after it are twice as far apart")
        .containsExactly(millis(250), millis(250), millis(500));
  }

  @Test
  void eachSlowDownHalvesTheRateAgain() {
    Pacer pacer = time.pacer(8);

    pacer.slowDown();
    pacer.slowDown();
    pacer.slowDown();

    assertThat(pacer.perSecond()).isEqualTo(1);
  }

  @Test
  void theRateNeverFallsBelowOneMessageInTenSeconds() throws InterruptedException {
    Pacer pacer = time.pacer(0.3);

    pacer.slowDown();
    assertThat(pacer.perSecond()).isEqualTo(0.15);
    for (int i = 0; i < 5; i++) {
      pacer.slowDown();
    }
    pacer.await();
    pacer.await();
    pacer.await();

    assertThat(pacer.perSecond()).isEqualTo(0.1);
    assertThat(time.sleeps).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(10));
  }

  @Test
  void anInterruptedWaitIsPassedOn() throws InterruptedException {
    Pacer pacer =
        new Pacer(
            1,
            () -> 0,
            nanos -> {
              throw new InterruptedException("stopping");
            });
    pacer.await();

    assertThatThrownBy(pacer::await)
        .isInstanceOf(InterruptedException.class)
        .hasMessage("stopping");
  }

  private static Duration millis(long millis) {
    return Duration.ofMillis(millis);
  }

  /** A monotonic clock that only moves when told to, or when someone sleeps on it. */
  @Test
  void waitingForATurnWithoutTakingItLeavesItForTheNextMessage() throws InterruptedException {
    Pacer pacer = time.pacer(4);
    pacer.await();

    pacer.awaitTurn();
    assertThat(pacer.mustWait()).as("the turn is still free").isFalse();
    pacer.awaitTurn();

    assertThat(time.sleeps).as("one wait, not two").containsExactly(millis(250));
    pacer.take();
    assertThat(pacer.mustWait()).isTrue();
  }

  private static final class FakeTime {

    long now = 0;
    final List<Duration> sleeps = new ArrayList<>();

    Pacer pacer(double perSecond) {
      return new Pacer(
          perSecond,
          () -> now,
          nanos -> {
            assertThat(nanos).as("a sleep is always positive").isPositive();
            sleeps.add(Duration.ofNanos(nanos));
            now += nanos;
          });
    }

    void pass(Duration duration) {
      now += duration.toNanos();
    }
  }
}
