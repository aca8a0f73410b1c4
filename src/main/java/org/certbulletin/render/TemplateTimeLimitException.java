package org.certbulletin.render;

import java.util.List;
import org.certbulletin.model.InvalidDataException;
import org.certbulletin.model.Problem;

/**
 * A template still running at render.time_limit. Bad input like any other (exit 2 on the command
 * line), but the daemon does not retry it at once: the runaway worker thread may not stop (a loop
 * stuck inside one built-in never sees the interruption), and each retry could leave one more.
 */
public final class TemplateTimeLimitException extends InvalidDataException {

  private static final long serialVersionUID = 1L;

  public TemplateTimeLimitException(Problem problem) {
    super(List.of(problem));
  }
}
