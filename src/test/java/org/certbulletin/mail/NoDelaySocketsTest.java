package org.certbulletin.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import javax.net.SocketFactory;
import org.certbulletin.model.SmtpSettings;
import org.certbulletin.testing.TestSmtp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every socket the SMTP client writes to has Nagle's algorithm off, over plain TCP and under TLS.
 */
class NoDelaySocketsTest {

  @RegisterExtension
  static GreenMailExtension greenMail =
      new GreenMailExtension(
              new ServerSetup[] {
                TestSmtp.patient(ServerSetupTest.SMTP), TestSmtp.patient(ServerSetupTest.SMTPS)
              })
          .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
          .withPerMethodLifecycle(true);

  ServerSocket listener;
  final List<Socket> opened = new ArrayList<>();

  @BeforeEach
  void listen() throws IOException {
    listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
  }

  @AfterEach
  void closeAll() throws IOException {
    for (Socket socket : opened) {
      socket.close();
    }
    listener.close();
  }

  @Test
  void aPlainSocketHasNagleOnSoTheFactoryHasSomethingToTurnOff() throws IOException {
    Socket plain =
        keep(SocketFactory.getDefault().createSocket(loopback(), listener.getLocalPort()));

    assertThat(plain.getTcpNoDelay()).isFalse();
  }

  @Test
  void everyWayOfCreatingASocketTurnsNagleOff() throws IOException {
    NoDelaySockets factory = NoDelaySockets.create();
    InetAddress loopback = loopback();
    int port = listener.getLocalPort();

    Socket unconnected = keep(factory.createSocket());
    List<Socket> connected =
        List.of(
            keep(factory.createSocket(loopback.getHostAddress(), port)),
            keep(factory.createSocket(loopback.getHostAddress(), port, loopback, 0)),
            keep(factory.createSocket(loopback, port)),
            keep(factory.createSocket(loopback, port, loopback, 0)));

    assertThat(unconnected.getTcpNoDelay()).isTrue();
    assertThat(connected)
        .allSatisfy(
            socket -> {
              assertThat(socket.isConnected()).isTrue();
              assertThat(socket.getTcpNoDelay()).isTrue();
            });
  }

  @Test
  void aPlainSmtpConnectionHasNagleOff() throws Exception {
    List<Boolean> noDelay = sendThrough(SmtpSettings.Security.NONE, greenMail.getSmtp().getPort());

    assertThat(noDelay).containsExactly(true);
    assertThat(greenMail.getReceivedMessages()).hasSize(1);
  }

  @Test
  void aTlsConnectionIsLayeredOverANoDelaySocket() throws Exception {
    List<Boolean> noDelay = sendThrough(SmtpSettings.Security.TLS, greenMail.getSmtps().getPort());

    assertThat(noDelay)
        .as("the TCP socket beneath TLS comes from our factory")
        .containsExactly(true);
    assertThat(greenMail.getReceivedMessages())
        .as("delivered over SMTPS, so the TLS handshake worked")
        .hasSize(1);
  }

  /**
   * Sends one message through an {@link SmtpSender} set up for {@code security}, with the socket
   * factory it configured wrapped to record what Angus asks of it; returns, for each socket the
   * factory made, whether it had TCP_NODELAY while the connection was open.
   */
  private List<Boolean> sendThrough(SmtpSettings.Security security, int port) throws Exception {
    SmtpSettings settings =
        new SmtpSettings(
            "127.0.0.1",
            port,
            security,
            "bulletin@cert.example",
            Optional.empty(),
            Duration.ofSeconds(10),
            100,
            1,
            Duration.ofMillis(10));
    try (SmtpSender sender = new SmtpSender(settings, Map.of())) {
      Properties properties = sender.session().getProperties();
      String prefix = security == SmtpSettings.Security.TLS ? "mail.smtps." : "mail.smtp.";
      assertThat(properties.get(prefix + "socketFactory")).isInstanceOf(NoDelaySockets.class);
      Recording recording = new Recording((SocketFactory) properties.get(prefix + "socketFactory"));
      properties.put(prefix + "socketFactory", recording);
      // GreenMail's certificate is self-signed and not for 127.0.0.1
      properties.put(prefix + "ssl.trust", "*");
      properties.put(prefix + "ssl.checkserveridentity", "false");

      MimeMessage message = new MimeMessage(sender.session());
      message.setFrom(new InternetAddress("bulletin@cert.example"));
      message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress("reader@example.org"));
      message.setSubject("test");
      message.setText("body");
      sender.send(message);

      List<Boolean> noDelay = new ArrayList<>();
      for (Socket socket : recording.sockets) {
        assertThat(socket.isConnected() && !socket.isClosed()).as("still connected").isTrue();
        noDelay.add(socket.getTcpNoDelay());
      }
      return noDelay;
    }
  }

  private Socket keep(Socket socket) {
    opened.add(socket);
    return socket;
  }

  private static InetAddress loopback() {
    return InetAddress.getLoopbackAddress();
  }

  /**
   * Records the sockets Angus asks for. Angus only ever asks a plain factory for an unconnected
   * socket; the other overloads fail so that a change in Angus shows up here.
   */
  private static final class Recording extends SocketFactory {

    private final SocketFactory delegate;
    private final List<Socket> sockets = new ArrayList<>();

    Recording(SocketFactory delegate) {
      this.delegate = delegate;
    }

    @Override
    public Socket createSocket() throws IOException {
      Socket socket = delegate.createSocket();
      sockets.add(socket);
      return socket;
    }

    @Override
    public Socket createSocket(String host, int port) {
      throw new UnsupportedOperationException("Angus asked for a connected socket");
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress local, int localPort) {
      throw new UnsupportedOperationException("Angus asked for a connected socket");
    }

    @Override
    public Socket createSocket(InetAddress host, int port) {
      throw new UnsupportedOperationException("Angus asked for a connected socket");
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress local, int localPort) {
      throw new UnsupportedOperationException("Angus asked for a connected socket");
    }
  }
}
