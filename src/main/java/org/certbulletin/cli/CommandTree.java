package org.certbulletin.cli;

import java.time.Clock;
import java.util.Map;
import picocli.CommandLine;

/**
 * Every command of the program with its options and help as {@code --help} shows them, for the CLI
 * reference and man pages. (Not on {@link Main}: a public method of the main class that names a
 * picocli type makes the Java launcher load picocli before {@code --version}.)
 */
public final class CommandTree {

  private CommandTree() {}

  /** The command line of every command; running it is not meant (it sees an empty environment). */
  public static CommandLine commandLine() {
    CommandFactory factory = new CommandFactory(new ApplicationSource(Map.of(), Clock.systemUTC()));
    return Main.withConverters(Main.withCommandsFor(factory));
  }
}
