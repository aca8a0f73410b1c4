package org.certbulletin.testing;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;

/**
 * How long a test waits for an event: a base deadline, stretched by how busy the machine is while
 * the test waits. On an idle machine a test that waits in vain fails after the base deadline; on a
 * laptop whose cores are all taken (a build, a browser, two busy loops per core) the same wait
 * lasts as many times longer as there are runnable processes per core, up to {@value #MOST} times.
 *
 * <p>The stretch is the most seen during the wait, read from the one-minute load average each time
 * the deadline is asked about, so a wait that starts on an idle machine still stretches when the
 * load comes. {@code -Dtest.patience=N} fixes the stretch instead (1 turns it off).
 */
public final class Patience {

  /** The most a deadline stretches: enough for a load of 20 runnable processes on 2 cores. */
  static final double MOST = 10;

  private final long start = System.nanoTime();
  private final long baseNanos;
  private double stretch = 1;

  private Patience(Duration base) {
    this.baseNanos = base.toNanos();
  }

  /** A wait of {@code base} on an idle machine, starting now. */
  public static Patience of(Duration base) {
    return new Patience(base);
  }

  /** {@code base} stretched by how busy the machine is now: for libraries that take a timeout. */
  public static Duration stretched(Duration base) {
    return Duration.ofNanos((long) (base.toNanos() * stretchNow()));
  }

  /** True once the stretched deadline has passed. */
  public boolean exhausted() {
    return remainingNanos() <= 0;
  }

  /** What is left of the stretched deadline, at most 0. */
  public long remainingNanos() {
    stretch = Math.max(stretch, stretchNow());
    return start + (long) (baseNanos * stretch) - System.nanoTime();
  }

  /** The deadline as it stands, for messages: "PT1M30S (x3.2 for load)". */
  @Override
  public String toString() {
    Duration base = Duration.ofNanos(baseNanos);
    return stretch <= 1
        ? base.toString()
        : String.format(Locale.ROOT, "%s (x%.1f for the machine's load)", base, stretch);
  }

  static double stretchNow() {
    String fixed = System.getProperty("test.patience");
    if (fixed != null && !fixed.isBlank()) {
      return Math.max(1, Double.parseDouble(fixed));
    }
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    int cores = Runtime.getRuntime().availableProcessors();
    if (load < 0) {
      return 1; // the platform does not say
    }
    return Math.max(1, Math.min(MOST, load / cores));
  }
}
