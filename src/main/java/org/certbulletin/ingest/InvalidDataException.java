package org.certbulletin.ingest;

import java.util.List;
import java.util.stream.Collectors;

/** Input files that cannot be used, with every problem found in them. */
public final class InvalidDataException extends RuntimeException {

  private final List<Problem> problems;

  public InvalidDataException(List<Problem> problems) {
    super(problems.stream().map(Problem::toString).collect(Collectors.joining(System.lineSeparator())));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("no problems given");
    }
    this.problems = List.copyOf(problems);
  }

  public static InvalidDataException of(Problem problem) {
    return new InvalidDataException(List.of(problem));
  }

  public List<Problem> problems() {
    return problems;
  }
}
