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
   * holds), would make what exists already ({@link #exists()}: a user, a token, a week), or does
   * not fit where the thing stands ({@link #state(String)}: approving a week not in review).
   */
  public static final class Conflict extends ServiceFailure {
    private static final long serialVersionUID = 1L;

    /** Which conflict. */
    public enum Kind {
      /** The state the request was based on changed since it was read. */
      CHANGED,
      /** What the caller would make exists already. */
      EXISTS,
      /** The request does not fit the state of what it names (HTTP 409). */
      STATE
    }

    private final Kind kind;

    public Conflict(String message) {
      this(message, Kind.CHANGED);
    }

    private Conflict(String message, Kind kind) {
      super(message, null);
      this.kind = kind;
    }

    /** What the caller would make exists already. */
    public static Conflict exists(String message) {
      return new Conflict(message, Kind.EXISTS);
    }

    /** What the request asks does not fit where the thing it names stands; the message says why. */
    public static Conflict state(String message) {
      return new Conflict(message, Kind.STATE);
    }

    /** Whether what the caller would make exists already (rather than changed since read). */
    public boolean exists() {
      return kind == Kind.EXISTS;
    }

    public Kind kind() {
      return kind;
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
