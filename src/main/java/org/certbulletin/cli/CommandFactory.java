package org.certbulletin.cli;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import picocli.CommandLine;

/**
 * Makes picocli's commands, handing each one that takes it the process's {@link ApplicationSource};
 * anything else (mixins, the commands without a service) as picocli would.
 */
final class CommandFactory implements CommandLine.IFactory {

  private final ApplicationSource applications;

  CommandFactory(ApplicationSource applications) {
    this.applications = applications;
  }

  @Override
  public <K> K create(Class<K> type) throws Exception {
    Constructor<K> constructor;
    try {
      constructor = type.getDeclaredConstructor(ApplicationSource.class);
    } catch (NoSuchMethodException e) {
      return CommandLine.defaultFactory().create(type);
    }
    try {
      return constructor.newInstance(applications);
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }
}
