package org.certbulletin.cli;

import picocli.CommandLine.Command;

/**
 * The exit codes a command's {@code --help} and man page list, as mixins: a command mixes in the
 * one that holds the codes it can return (the numbers are {@link ExitCode}'s).
 */
final class ExitCodes {

  static final String HEADING = "%nExit codes:%n";
  static final String OK = ExitCode.OK + ":Done.";
  static final String FAILURE =
      ExitCode.FAILURE
          + ":Failed: rendering, the disk, the database, the mail server, or something"
          + " unexpected (logged with its stack trace).";
  static final String BAD_INPUT =
      ExitCode.BAD_INPUT
          + ":Bad input or usage: the message names the file, the place in it, or the option,"
          + " and what to do.";
  static final String BUSY =
      ExitCode.BUSY
          + ":Busy: another run holds a lock this one needs (a publish, a daemon); try again"
          + " when it ends.";
  static final String STOPPED =
      ExitCode.STOPPED
          + ":Stopped by SIGTERM or SIGINT before it was done: what was done is recorded, and"
          + " running the command again finishes it.";
  static final String TEMPORARY =
      ExitCode.TEMPORARY
          + ":The message read from standard input could not be recorded (the state database"
          + " failed or is busy): a mail server keeps it and tries again.";

  static final String LATE =
      ExitCode.FAILURE
          + ":The due week is not published by its deadline (for monitoring), or the check"
          + " failed.";

  private ExitCodes() {}

  /** A command that works on the workspace: done, failed, bad input, busy. */
  @Command(
      exitCodeListHeading = HEADING,
      exitCodeList = {OK, FAILURE, BAD_INPUT, BUSY})
  static final class Standard {}

  /** {@code status}: 1 is its dead-man's switch. */
  @Command(
      exitCodeListHeading = HEADING,
      exitCodeList = {OK, LATE, BAD_INPUT, BUSY})
  static final class Status {}

  /** A command that a signal may stop before it is done, which says so with 143. */
  @Command(
      exitCodeListHeading = HEADING,
      exitCodeList = {OK, FAILURE, BAD_INPUT, BUSY, STOPPED})
  static final class Stoppable {}

  /** {@code bounces}: 75 asks the mail server that piped the message in to try again. */
  @Command(
      exitCodeListHeading = HEADING,
      exitCodeList = {OK, FAILURE, BAD_INPUT, BUSY, TEMPORARY})
  static final class Bounces {}

  /** A command that only groups others: it prints its help, or reports bad usage. */
  @Command(
      exitCodeListHeading = HEADING,
      exitCodeList = {OK, BAD_INPUT})
  static final class Group {}

  /** The program as a whole: every code any command returns. */
  @Command(
      exitCodeListHeading = HEADING,
      exitCodeList = {OK, FAILURE, BAD_INPUT, BUSY, TEMPORARY, STOPPED})
  static final class All {}
}
