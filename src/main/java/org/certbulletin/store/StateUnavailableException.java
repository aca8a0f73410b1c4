package org.certbulletin.store;

/**
 * The state database cannot be opened or used: locked by another process, unreachable, or broken.
 */
public final class StateUnavailableException extends RuntimeException {

  public StateUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
