package org.certbulletin.cli;

import java.time.Clock;
import java.util.Map;
import org.certbulletin.service.Application;

/**
 * The application of this process, built when the command that runs first asks for it, from that
 * command's {@code --data}, {@code --templates} and {@code --out}: {@code --help} and {@code
 * --version} build nothing.
 */
final class ApplicationSource implements AutoCloseable {

  private final Map<String, String> environment;
  private final Clock clock;
  private Application opened;

  ApplicationSource(Map<String, String> environment, Clock clock) {
    this.environment = environment;
    this.clock = clock;
  }

  /** The application on the workspace {@code options} name, built on the first call. */
  synchronized Application open(WorkspaceOptions options) {
    if (opened == null) {
      opened = Application.open(options.workspace(), environment, clock);
    }
    return opened;
  }

  @Override
  public synchronized void close() {
    if (opened != null) {
      opened.close();
    }
  }
}
