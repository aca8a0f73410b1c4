package org.certbulletin.cli;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an action on SIGTERM and SIGINT before the JVM starts shutting down, through the JDK's
 * {@code sun.misc.Signal} (module jdk.unsupported). It is reached by reflection so that the build
 * compiles without warnings; where it is missing, the shutdown hook alone stops the daemon.
 */
final class Signals {

  private static final Logger log = LoggerFactory.getLogger(Signals.class);

  private Signals() {}

  /** Puts back the handlers an {@link #onTermination} replaced. */
  interface Registration extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Calls {@code action} on a thread of its own when the process gets SIGTERM or SIGINT, instead of
   * shutting the JVM down; closing the registration restores the previous handling.
   */
  static Registration onTermination(Runnable action) {
    Map<Object, Object> previous = new LinkedHashMap<>();
    for (String name : new String[] {"TERM", "INT"}) {
      try {
        Class<?> signal = Class.forName("sun.misc.Signal");
        Class<?> handler = Class.forName("sun.misc.SignalHandler");
        Object onSignal =
            Proxy.newProxyInstance(
                Signals.class.getClassLoader(),
                new Class<?>[] {handler},
                (proxy, method, args) -> {
                  if ("handle".equals(method.getName())) {
                    new Thread(action, "cert-bulletin-stop-on-SIG" + name).start();
                  }
                  return null;
                });
        Object which = signal.getConstructor(String.class).newInstance(name);
        previous.put(
            which, signal.getMethod("handle", signal, handler).invoke(null, which, onSignal));
      } catch (ReflectiveOperationException | IllegalArgumentException e) {
        Throwable cause = e instanceof InvocationTargetException target ? target.getCause() : e;
        log.debug(
            "cannot handle SIG{} ({}); the shutdown hook still stops the daemon",
            name,
            cause.toString());
      }
    }
    return () -> previous.forEach(Signals::restore);
  }

  private static void restore(Object which, Object handler) {
    try {
      Class<?> signal = Class.forName("sun.misc.Signal");
      signal
          .getMethod("handle", signal, Class.forName("sun.misc.SignalHandler"))
          .invoke(null, which, handler);
    } catch (ReflectiveOperationException | IllegalArgumentException e) {
      log.debug("cannot restore the handler of {} ({})", which, e.toString());
    }
  }
}
