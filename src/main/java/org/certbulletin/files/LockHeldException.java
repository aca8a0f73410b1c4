package org.certbulletin.files;

/**
 * Another run holds a lock this one needs (a publish, a daemon): nothing is wrong with the input,
 * and trying again once the other run ends will work. The command line exits with 3 for it.
 */
public final class LockHeldException extends RuntimeException {

  public LockHeldException(String message) {
    super(message);
  }
}
