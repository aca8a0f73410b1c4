package org.certbulletin.cli;

/**
 * Process exit codes of every command; {@link ExitCodes} says which command returns which, in its
 * help and the CLI reference.
 */
final class ExitCode {

  /** Done. */
  static final int OK = 0;

  /**
   * Failed: rendering, the disk, the database, the mail server, or something unexpected (logged
   * with its stack trace).
   */
  static final int FAILURE = 1;

  /** Bad input or usage: the message names the file, the place in it and what to do. */
  static final int BAD_INPUT = 2;

  /** Another run holds a lock this one needs (a publish, a daemon): try again when it ends. */
  static final int BUSY = 3;

  /**
   * {@code bounces} reading standard input could not record the message (the state database failed,
   * or is busy): 75, sysexits' EX_TEMPFAIL, on which a mail server (Postfix's {@code local} and
   * {@code pipe}, sendmail) keeps the message and tries again, where any other failure would bounce
   * the bounce.
   */
  static final int TEMPORARY = 75;

  /**
   * Stopped by SIGTERM or SIGINT before it was done (128 + SIGTERM's 15, as a shell reports a
   * process the signal ended): what was done is recorded, and running the command again finishes
   * it.
   */
  static final int STOPPED = 143;

  private ExitCode() {}
}
