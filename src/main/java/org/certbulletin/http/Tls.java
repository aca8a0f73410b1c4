package org.certbulletin.http;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.certbulletin.service.ServiceFailure;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The server's own TLS: a PKCS#12 key store with its key and certificate chain, whose password
 * comes from the environment ({@code CERT_BULLETIN_TLS_PASSWORD}), never from an argument. TLS 1.2
 * and 1.3 only, with the JDK's default cipher suites.
 */
record Tls(Path keyStore, String password) {

  static final String PASSWORD_VARIABLE = "CERT_BULLETIN_TLS_PASSWORD";

  @Override
  public String toString() {
    return "Tls[" + keyStore + "]";
  }

  /**
   * The key store {@code file} with the password {@code environment} holds.
   *
   * @throws ServiceFailure.BadInput if the file cannot be read or no password is set
   */
  static Tls of(Path file, Map<String, String> environment) {
    if (!Files.isReadable(file)) {
      throw new ServiceFailure.BadInput(
          "--tls-key-store: " + file + " does not exist or cannot be read", List.of());
    }
    String password = environment.get(PASSWORD_VARIABLE);
    if (password == null) {
      throw new ServiceFailure.BadInput(
          "--tls-key-store: set " + PASSWORD_VARIABLE + " to the key store's password", List.of());
    }
    return new Tls(file, password);
  }

  /** An https connector on {@code listen}; the certificate need not name the address asked for. */
  Connector connector(Server server, HttpConfiguration plain, Listen listen) {
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setKeyStorePath(keyStore.toString());
    ssl.setKeyStoreType("PKCS12");
    ssl.setKeyStorePassword(password);
    ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
    HttpConfiguration https = new HttpConfiguration(plain);
    SecureRequestCustomizer secure = new SecureRequestCustomizer();
    secure.setSniHostCheck(false);
    https.addCustomizer(secure);
    ServerConnector connector =
        new ServerConnector(
            server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(https));
    connector.setHost(listen.host());
    connector.setPort(listen.port());
    return connector;
  }
}
