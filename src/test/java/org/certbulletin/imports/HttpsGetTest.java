package org.certbulletin.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.certbulletin.testing.LocalHttpsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connection goes to the address that was checked, never to a second lookup of the host name,
 * and TLS still checks the certificate against the host name the URL gives.
 */
class HttpsGetTest {

  @TempDir static Path keys;

  private static LocalHttpsServer server;
  private static SSLContext tls;

  @BeforeAll
  static void serve() throws Exception {
    server = LocalHttpsServer.start(keys);
    server.put("/a.json", "{\"a\": 1}".getBytes(StandardCharsets.UTF_8));
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    try (InputStream in = Files.newInputStream(server.certificate())) {
      store.setCertificateEntry(
          "server", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    tls = SSLContext.getInstance("TLS");
    tls.init(null, trust.getTrustManagers(), null);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void theCheckedAddressIsConnectedToAndTheUrlsHostNameIsVerified() throws Exception {
    InetAddress checked = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    URI named = URI.create(server.url("localhost", "/a.json"));

    HttpsGet.Answer answer = HttpsGet.send(tls, new Socket(), checked, named, 10_000);

    try (InputStream body = answer.body()) {
      assertThat(answer.status()).isEqualTo(200);
      assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"a\": 1}");
    }
  }

  @Test
  void aNameThatNoLookupCouldResolveStillReachesTheCheckedAddressAndFailsOnlyInTls() {
    InetAddress checked = InetAddress.getLoopbackAddress();
    URI rebinding = URI.create(server.url("rebinding.invalid", "/a.json"));

    assertThatThrownBy(() -> HttpsGet.send(tls, new Socket(), checked, rebinding, 10_000))
        .as("a lookup of .invalid would fail before TLS; the certificate is not for that name")
        .isInstanceOf(SSLHandshakeException.class)
        .hasMessageContaining("rebinding.invalid");
  }
}
