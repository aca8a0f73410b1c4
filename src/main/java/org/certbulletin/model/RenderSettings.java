package org.certbulletin.model;

import java.time.Duration;

/**
 * Limits on rendering an edition with the user's templates.
 *
 * @param timeLimit how long the templates of one edition may run (absent: 60 seconds)
 */
public record RenderSettings(Duration timeLimit) {

  public static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(60);

  public RenderSettings {
    timeLimit = timeLimit == null ? DEFAULT_TIME_LIMIT : timeLimit;
    if (timeLimit.isNegative() || timeLimit.isZero()) {
      throw new IllegalArgumentException("timeLimit must be positive: " + timeLimit);
    }
  }

  public static RenderSettings defaults() {
    return new RenderSettings(DEFAULT_TIME_LIMIT);
  }
}
