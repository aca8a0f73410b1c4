package org.certbulletin.testing;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.time.Duration;

/** A real SMTP server for a test: GreenMail on a free port, emptied before each test method. */
public final class TestSmtp {

  /**
   * How long GreenMail may take to start, before the machine's load stretches it: its own default
   * (2 s) was missed on a machine with two busy loops per core.
   */
  private static final Duration STARTUP = Duration.ofSeconds(10);

  private TestSmtp() {}

  public static GreenMailExtension server() {
    return new GreenMailExtension(patient(ServerSetupTest.SMTP))
        .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
        .withPerMethodLifecycle(true);
  }

  /**
   * {@code setup} on a free port, with a startup deadline that stretches with the machine's load
   * ({@link Patience}).
   */
  public static ServerSetup patient(ServerSetup setup) {
    ServerSetup dynamic = setup.dynamicPort();
    dynamic.setServerStartupTimeout(Patience.stretched(STARTUP).toMillis());
    return dynamic;
  }
}
