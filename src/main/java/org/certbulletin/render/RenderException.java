package org.certbulletin.render;

/**
 * A bulletin could not be rendered: a template error, a missing resource, a renderer failure, a
 * character no font draws ({@link UnprintedTextException}).
 */
public class RenderException extends RuntimeException {

  public RenderException(String message, Throwable cause) {
    super(message, cause);
  }

  public RenderException(String message) {
    super(message);
  }
}
