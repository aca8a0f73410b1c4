package org.certbulletin.model;

import java.time.Duration;

/**
 * Limits on rendering an edition with the user's templates.
 *
 * @param timeLimit how long the templates of one edition may run (absent: 60 seconds)
 */
public record RenderSettings(Duration timeLimit) {

  public static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(60);

  /**
   * The longest time limit accepted: far beyond any real edition, far below a nanosecond overflow.
   */
  public static final Duration MAX_TIME_LIMIT = Duration.ofHours(1);

  public RenderSettings {
    timeLimit = timeLimit == null ? DEFAULT_TIME_LIMIT : timeLimit;
    if (timeLimit.isNegative() || timeLimit.isZero()) {
      throw new IllegalArgumentException("timeLimit must be positive: " + timeLimit);
    }
    if (timeLimit.compareTo(MAX_TIME_LIMIT) > 0) {
      throw new IllegalArgumentException("timeLimit must be at most PT1H: " + timeLimit);
    }
  }

  public static RenderSettings defaults() {
    return new RenderSettings(DEFAULT_TIME_LIMIT);
  }
}
