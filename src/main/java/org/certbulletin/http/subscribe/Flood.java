package org.certbulletin.http.subscribe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How often one key (a client's address, an address asked for) may act in a window: a fixed number
 * of keys remembered (the least recently seen forgotten first), each with its count in the current
 * window. Kept per server, made with it: each node of a cluster limits its own share.
 */
final class Flood {

  /** What a request comes to. */
  enum Verdict {
    ALLOWED,
    /** Refused, the first time in this window: worth one line in the audit log. */
    REFUSED_FIRST,
    /** Refused again in the same window: the log has its line already. */
    REFUSED_AGAIN
  }

  private static final class Window {
    Instant start;
    int count;
    boolean told;

    Window(Instant start) {
      this.start = start;
    }
  }

  private final Clock clock;
  private final int allowed;
  private final Duration window;
  private final Map<String, Window> windows;

  /** {@code allowed} acts per key in each {@code window}, for at most {@code keys} keys. */
  Flood(Clock clock, int allowed, Duration window, int keys) {
    this.clock = clock;
    this.allowed = allowed;
    this.window = window;
    this.windows =
        new LinkedHashMap<>(256, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
            return size() > keys;
          }
        };
  }

  /** The window, in whole minutes, for the page that says when to come back. */
  long minutes() {
    return Math.max(1, window.toMinutes());
  }

  /** Counts one act of {@code key} and says whether it is allowed. */
  Verdict count(String key) {
    Instant now = clock.instant();
    synchronized (windows) {
      Window w = windows.computeIfAbsent(key, k -> new Window(now));
      if (!now.isBefore(w.start.plus(window))) {
        w.start = now;
        w.count = 0;
        w.told = false;
      }
      if (w.count < allowed) {
        w.count++;
        return Verdict.ALLOWED;
      }
      if (w.told) {
        return Verdict.REFUSED_AGAIN;
      }
      w.told = true;
      return Verdict.REFUSED_FIRST;
    }
  }
}
