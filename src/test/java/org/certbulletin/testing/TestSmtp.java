package org.certbulletin.testing;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;

/** A real SMTP server for a test: GreenMail on a free port, emptied before each test method. */
public final class TestSmtp {

  private TestSmtp() {}

  public static GreenMailExtension server() {
    return new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
        .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
        .withPerMethodLifecycle(true);
  }
}
