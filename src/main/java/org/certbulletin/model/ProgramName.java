package org.certbulletin.model;

/**
 * How README, the guides and every message that suggests a command name the program: the launcher
 * {@code mvn package} writes, {@code target/cert-bulletin}, typed in the folder that holds {@code
 * data/} and {@code templates/}.
 */
public final class ProgramName {

  /** The command to type; picocli's usage lines name it too. */
  public static final String COMMAND = "target/cert-bulletin";

  private ProgramName() {}

  /**
   * The command line that runs {@code arguments}: {@code target/cert-bulletin validate 2024-W52}.
   */
  public static String command(String arguments) {
    return COMMAND + " " + arguments;
  }
}
