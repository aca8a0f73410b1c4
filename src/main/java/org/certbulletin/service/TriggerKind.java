package org.certbulletin.service;

import java.util.Locale;

/** What started a scheduled run, as the run history and {@code status} show it. */
public enum TriggerKind {
  /** The schedule's own firing. */
  SCHEDULE,
  /** A firing missed while the daemon was down, run once at start-up. */
  CATCH_UP,
  /** Another attempt after a failed run. */
  RETRY,
  /** A run that died with its process, run again at start-up. */
  RECOVERY,
  /** Run by an operator ({@code run --now}, {@code run --once}). */
  MANUAL;

  /** The name stored in the run history: {@code catch-up}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The kind {@link #code()} names. */
  public static TriggerKind fromCode(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
