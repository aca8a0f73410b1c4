package org.certbulletin.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * What keeps sign-ins from being used against the server: a password check costs about 19 MiB and a
 * tenth of a second of a core (Argon2id), so only a few run at once, and one address may try only
 * so often per minute (an account locks itself after five failures; this holds back one address
 * trying many accounts). Kept per server: each node of a cluster limits its own share.
 */
public final class SignInLimits {

  /** Password checks running at once; more wait briefly, then are told to come back. */
  static final int AT_ONCE = Math.max(2, Runtime.getRuntime().availableProcessors());

  /** Sign-ins one address may attempt in a minute. */
  static final int PER_MINUTE = 20;

  /** Addresses remembered at most; the oldest are forgotten first. */
  private static final int ADDRESSES = 10_000;

  private final Semaphore running = new Semaphore(AT_ONCE);
  private final Clock clock;
  private final Map<String, Deque<Instant>> attempts =
      new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
          return size() > ADDRESSES;
        }
      };

  public SignInLimits(Clock clock) {
    this.clock = clock;
  }

  /** A sign-in allowed to run: close it when the password check is over. */
  public interface Permit extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * A permit for one sign-in from {@code address}.
   *
   * @throws HttpRefusal 429 when the address tried too often this minute, 503 when too many
   *     sign-ins are running
   */
  public Permit admit(String address) throws InterruptedException {
    Instant now = clock.instant();
    synchronized (attempts) {
      Deque<Instant> recent = attempts.computeIfAbsent(address, a -> new ArrayDeque<>());
      while (!recent.isEmpty() && recent.peekFirst().isBefore(now.minus(Duration.ofMinutes(1)))) {
        recent.removeFirst();
      }
      if (recent.size() >= PER_MINUTE) {
        throw new HttpRefusal(
            429,
            "too-many-sign-ins",
            "Too many sign-ins",
            "this address tried to sign in "
                + PER_MINUTE
                + " times in the last minute; wait a minute and try again");
      }
      recent.addLast(now);
    }
    if (!running.tryAcquire(2, java.util.concurrent.TimeUnit.SECONDS)) {
      throw new HttpRefusal(
          503, "busy", "Busy", "too many sign-ins are being checked; try again in a moment");
    }
    return running::release;
  }
}
