package org.certbulletin.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.certbulletin.mail.RetryBudget.Action.DEFER;
import static org.certbulletin.mail.RetryBudget.Action.RETRY;
import static org.certbulletin.mail.RetryBudget.Action.SLOW_DOWN;
import static org.certbulletin.mail.RetryBudget.Action.STOP;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.certbulletin.mail.RetryBudget.Decision;
import org.junit.jupiter.api.Test;

/**
 * One delivery's retries: what each temporary failure or slow-down leads to, and how long to wait.
 */
class RetryBudgetTest {

  private static final Duration BACKOFF = Duration.ofMillis(50);

  /** 451 for this recipient only (at RCPT TO). */
  private static final SmtpFailure MAILBOX_BUSY =
      new SmtpFailure(
          SmtpFailure.Kind.TEMPORARY, 450, "450 4.2.1 <reader@example.org>: mailbox busy", true);

  /** 451 for the whole transaction, or no connection at all. */
  private static final SmtpFailure SERVER_BUSY =
      new SmtpFailure(
          SmtpFailure.Kind.TEMPORARY,
          451,
          "451 4.3.0 Temporary local problem, try again later",
          false);

  private static final SmtpFailure SLOW_DOWN_PLEASE =
      new SmtpFailure(
          SmtpFailure.Kind.SLOW_DOWN, 421, "421 4.7.0 Too many connections, slow down", false);

  @Test
  void aTemporaryFailureIsRetriedAfterTheBackoff() {
    RetryBudget budget = new RetryBudget(3, BACKOFF);

    assertThat(budget.after(SERVER_BUSY)).isEqualTo(new Decision(RETRY, BACKOFF));
  }

  @Test
  void theWaitDoublesWithEachTemporaryFailure() {
    RetryBudget budget = new RetryBudget(5, BACKOFF);

    assertThat(decisions(budget, SERVER_BUSY, SERVER_BUSY, SERVER_BUSY, SERVER_BUSY))
        .containsExactly(retry(50), retry(100), retry(200), retry(400));
  }

  @Test
  void theWaitIsCappedAtFiveMinutes() {
    RetryBudget budget = new RetryBudget(6, Duration.ofMinutes(1));

    assertThat(decisions(budget, SERVER_BUSY, SERVER_BUSY, SERVER_BUSY, SERVER_BUSY, SERVER_BUSY))
        .extracting(Decision::delay)
        .containsExactly(
            Duration.ofMinutes(1),
            Duration.ofMinutes(2),
            Duration.ofMinutes(4),
            Duration.ofMinutes(5),
            Duration.ofMinutes(5));
  }

  @Test
  void theDoublingNeverOverflowsHoweverManyAttempts() {
    RetryBudget budget = new RetryBudget(100, Duration.ofNanos(1));
    List<Duration> waits = new ArrayList<>();

    for (int i = 0; i < 99; i++) {
      Decision decision = budget.after(SERVER_BUSY);
      assertThat(decision.action()).isEqualTo(RETRY);
      waits.add(decision.delay());
    }

    assertThat(waits)
        .allSatisfy(
            wait -> assertThat(wait).isPositive().isLessThanOrEqualTo(RetryBudget.LONGEST_WAIT));
    assertThat(waits).isSorted();
  }

  @Test
  void aRecipientWhoseMailboxStaysBusyIsDeferredAtTheLastAttempt() {
    RetryBudget budget = new RetryBudget(3, BACKOFF);

    assertThat(decisions(budget, MAILBOX_BUSY, MAILBOX_BUSY, MAILBOX_BUSY))
        .containsExactly(retry(50), retry(100), new Decision(DEFER, Duration.ZERO));
  }

  @Test
  void aServerThatStaysBusyStopsTheRunAtTheLastAttempt() {
    RetryBudget budget = new RetryBudget(3, BACKOFF);

    assertThat(decisions(budget, SERVER_BUSY, SERVER_BUSY, SERVER_BUSY))
        .containsExactly(retry(50), retry(100), new Decision(STOP, Duration.ZERO));
  }

  @Test
  void oneAttemptMeansNoRetry() {
    assertThat(new RetryBudget(1, BACKOFF).after(MAILBOX_BUSY).action()).isEqualTo(DEFER);
    assertThat(new RetryBudget(1, BACKOFF).after(SERVER_BUSY).action()).isEqualTo(STOP);
  }

  @Test
  void slowDownsAreAllowedUpToTwiceTheAttemptsThenTheRunStops() {
    RetryBudget budget = new RetryBudget(3, BACKOFF);

    assertThat(
            decisions(
                budget,
                SLOW_DOWN_PLEASE,
                SLOW_DOWN_PLEASE,
                SLOW_DOWN_PLEASE,
                SLOW_DOWN_PLEASE,
                SLOW_DOWN_PLEASE,
                SLOW_DOWN_PLEASE))
        .containsExactly(
            slowDown(50),
            slowDown(100),
            slowDown(200),
            slowDown(400),
            slowDown(800),
            new Decision(STOP, Duration.ZERO));
  }

  @Test
  void slowDownsDoNotUseUpTheAttempts() {
    RetryBudget budget = new RetryBudget(2, BACKOFF);

    assertThat(
            decisions(
                budget,
                SLOW_DOWN_PLEASE,
                SLOW_DOWN_PLEASE,
                SLOW_DOWN_PLEASE,
                SERVER_BUSY,
                SERVER_BUSY))
        .containsExactly(
            slowDown(50),
            slowDown(100),
            slowDown(200),
            retry(50),
            new Decision(STOP, Duration.ZERO));
  }

  @Test
  void temporaryFailuresDoNotUseUpTheSlowDowns() {
    RetryBudget budget = new RetryBudget(2, BACKOFF);

    assertThat(
            decisions(
                budget,
                SERVER_BUSY,
                SLOW_DOWN_PLEASE,
                SLOW_DOWN_PLEASE,
                SLOW_DOWN_PLEASE,
                SLOW_DOWN_PLEASE))
        .containsExactly(
            retry(50),
            slowDown(50),
            slowDown(100),
            slowDown(200),
            new Decision(STOP, Duration.ZERO));
  }

  @Test
  void eachKindDoublesItsOwnWait() {
    RetryBudget budget = new RetryBudget(4, BACKOFF);

    assertThat(
            decisions(
                budget,
                MAILBOX_BUSY,
                SLOW_DOWN_PLEASE,
                MAILBOX_BUSY,
                SLOW_DOWN_PLEASE,
                MAILBOX_BUSY))
        .containsExactly(retry(50), slowDown(50), retry(100), slowDown(100), retry(200));
  }

  @Test
  void aMixedSequenceGivesUpOnTheKindThatRunsOut() {
    RetryBudget budget = new RetryBudget(2, BACKOFF);

    assertThat(decisions(budget, SLOW_DOWN_PLEASE, MAILBOX_BUSY, SLOW_DOWN_PLEASE, MAILBOX_BUSY))
        .containsExactly(
            slowDown(50), retry(50), slowDown(100), new Decision(DEFER, Duration.ZERO));
  }

  @Test
  void onlyTemporaryFailuresAndSlowDownsAreRetried() {
    RetryBudget budget = new RetryBudget(3, BACKOFF);

    for (SmtpFailure.Kind kind :
        List.of(SmtpFailure.Kind.PERMANENT, SmtpFailure.Kind.REFUSED, SmtpFailure.Kind.UNCERTAIN)) {
      assertThatThrownBy(() -> budget.after(new SmtpFailure(kind, 550, "550 no", true)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("not a failure to retry: " + kind);
    }
    assertThat(budget.after(MAILBOX_BUSY))
        .as("the refused ones were not counted")
        .isEqualTo(retry(50));
  }

  @Test
  void aBudgetNeedsAtLeastOneAttemptAndAWaitThatIsNotNegative() {
    assertThatThrownBy(() -> new RetryBudget(0, BACKOFF)).hasMessage("attempts < 1: 0");
    assertThatThrownBy(() -> new RetryBudget(3, Duration.ofMillis(-1)))
        .hasMessage("backoff is negative: PT-0.001S");
  }

  private static List<Decision> decisions(RetryBudget budget, SmtpFailure... failures) {
    List<Decision> decisions = new ArrayList<>();
    for (SmtpFailure failure : failures) {
      decisions.add(budget.after(failure));
    }
    return decisions;
  }

  private static Decision retry(long millis) {
    return new Decision(RETRY, Duration.ofMillis(millis));
  }

  private static Decision slowDown(long millis) {
    return new Decision(SLOW_DOWN, Duration.ofMillis(millis));
  }
}
