package org.certbulletin.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.certbulletin.service.Application;
import org.certbulletin.service.HttpServing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cert-bulletin serve}: the HTTP API until SIGTERM or SIGINT. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description =
        "Serve the HTTP API (described at /api/openapi.json) until stopped; prints 'listening on"
            + " http://HOST:PORT' when ready.")
final class ServeCommand implements Callable<Integer> {

  @Mixin ExitCodes.Stoppable exitCodes;

  @Spec CommandSpec spec;

  @Mixin WorkspaceOptions options;

  @Option(
      names = "--listen",
      paramLabel = "HOST:PORT",
      defaultValue = "127.0.0.1:8080",
      description = "Address to listen on (default: ${DEFAULT-VALUE}; port 0 picks a free one).")
  String listen;

  @Option(
      names = "--tls-key-store",
      paramLabel = "FILE",
      description =
          "Serve https with the key and certificate chain of this PKCS#12 file; its password comes"
              + " from CERT_BULLETIN_TLS_PASSWORD (default: plain http, for a reverse proxy in"
              + " front).")
  Path tlsKeyStore;

  private final ApplicationSource applications;

  ServeCommand(ApplicationSource applications) {
    this.applications = applications;
  }

  @Override
  @SuppressWarnings("try") // the signal handlers are in place while the registration is open
  public Integer call() throws InterruptedException {
    Application application = applications.open(options);
    application.access(); // the state database: fail now, not at the first request
    CountDownLatch stop = new CountDownLatch(1);
    try (HttpServing.Running server =
            application.http().start(listen, Optional.ofNullable(tlsKeyStore));
        Signals.Registration signals = Signals.onTermination(stop::countDown)) {
      PrintWriter out = spec.commandLine().getOut();
      out.printf(Locale.ROOT, "listening on %s%n", server.address());
      out.flush();
      stop.await();
      spec.commandLine().getErr().println("stopping: finishing the requests under way");
    }
    return ExitCode.STOPPED;
  }
}
