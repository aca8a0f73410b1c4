package org.certbulletin.model;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Input that cannot be used (data files, configuration, templates, recipients, the environment's
 * keys), with every problem found in it, each naming where it is and what to do. The command line
 * exits with 2 for it.
 */
public class InvalidDataException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final List<Problem> problems;

  public InvalidDataException(List<Problem> problems) {
    super(
        problems.stream()
            .map(Problem::toString)
            .collect(Collectors.joining(System.lineSeparator())));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("no problems given");
    }
    this.problems = List.copyOf(problems);
  }

  public static InvalidDataException of(Problem problem) {
    return new InvalidDataException(List.of(problem));
  }

  /** One problem with {@code source} as a whole (a file, a folder, an environment variable). */
  public static InvalidDataException of(String source, String message) {
    return of(new Problem(source, Location.START, "", message));
  }

  public List<Problem> problems() {
    return problems;
  }
}
