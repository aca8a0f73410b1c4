package org.certbulletin.cli;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
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

  /** Calls {@code action} on a thread of its own when the process gets SIGTERM or SIGINT. */
  static void onTermination(Runnable action) {
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
        signal
            .getMethod("handle", signal, handler)
            .invoke(null, signal.getConstructor(String.class).newInstance(name), onSignal);
      } catch (ReflectiveOperationException | IllegalArgumentException e) {
        Throwable cause = e instanceof InvocationTargetException target ? target.getCause() : e;
        log.debug(
            "cannot handle SIG{} ({}); the shutdown hook still stops the daemon",
            name,
            cause.toString());
      }
    }
  }
}
