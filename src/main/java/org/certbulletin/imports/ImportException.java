package org.certbulletin.imports;

/**
 * A source that cannot be read as asked (a refused address, a redirect to another scheme, a file
 * over the size limit, a server that does not answer): bad input, named in the message.
 */
public final class ImportException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ImportException(String message) {
    super(message);
  }

  public ImportException(String message, Throwable cause) {
    super(message, cause);
  }
}
