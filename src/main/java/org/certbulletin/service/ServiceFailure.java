package org.certbulletin.service;

import java.util.List;
import org.certbulletin.model.Problem;

/**
 * Why the service did not do what it was asked: the one family of failures every door (CLI,
 * scheduler, HTTP) maps to its own form: an exit code, a log line, an {@code
 * application/problem+json} response. Messages are one line, safe to show to the person who asked,
 * and say what to do.
 */
public abstract sealed class ServiceFailure extends RuntimeException
    permits ServiceFailure.BadInput,
        ServiceFailure.Busy,
        ServiceFailure.NotFound,
        ServiceFailure.Forbidden,
        ServiceFailure.Conflict,
        ServiceFailure.Failed {

  private static final long serialVersionUID = 1L;

  ServiceFailure(String message, Throwable cause) {
    super(message, cause);
  }

  /** The input is wrong; {@link #problems()} says where (file, line and column, JSON pointer). */
  public static final class BadInput extends ServiceFailure {
    private static final long serialVersionUID = 1L;
    private final List<Problem> problems;

    public BadInput(String message, List<Problem> problems) {
      super(message, null);
      this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
      return problems;
    }
  }

  /** Another run holds what this one needs (a lock); try again later. */
  public static final class Busy extends ServiceFailure {
    private static final long serialVersionUID = 1L;

    public Busy(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** What was named (a week, a list, a user, a token) does not exist. */
  public static final class NotFound extends ServiceFailure {
    private static final long serialVersionUID = 1L;

    public NotFound(String message) {
      super(message, null);
    }
  }

  /** The principal may not do this (role or TLP clearance); the refusal is audited. */
  public static final class Forbidden extends ServiceFailure {
    private static final long serialVersionUID = 1L;

    public Forbidden(String message) {
      super(message, null);
    }
  }

  /**
   * The request is based on a state that has changed since (an {@code If-Match} that no longer
   * holds), or would make what exists already ({@link #exists()}: a user, a token, a week).
   */
  public static final class Conflict extends ServiceFailure {
    private static final long serialVersionUID = 1L;
    private final boolean exists;

    public Conflict(String message) {
      this(message, false);
    }

    private Conflict(String message, boolean exists) {
      super(message, null);
      this.exists = exists;
    }

    /** What the caller would make exists already. */
    public static Conflict exists(String message) {
      return new Conflict(message, true);
    }

    /** Whether what the caller would make exists already (rather than changed since read). */
    public boolean exists() {
      return exists;
    }
  }

  /** Something outside the input failed (disk, database, mail server); the log has the cause. */
  public static final class Failed extends ServiceFailure {
    private static final long serialVersionUID = 1L;

    public Failed(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
