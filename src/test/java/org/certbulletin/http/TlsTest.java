package org.certbulletin.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.certbulletin.service.Application;
import org.certbulletin.service.HttpServing;
import org.certbulletin.service.ServiceFailure;
import org.certbulletin.testing.LocalHttpsServer;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.SampleWorkspaceExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --tls-key-store}: https with the CERT's own certificate (made here by the JDK's
 * keytool), HSTS on every answer; plain http has no HSTS (the control), and a missing password is
 * said plainly.
 */
@ExtendWith(SampleWorkspaceExtension.class)
class TlsTest {

  private static final String PASSWORD = "test-only-key-store";

  @TempDir Path keys;

  @Test
  void servesHttpsWithItsOwnCertificateAndAsksBrowsersToKeepToIt(SampleWorkspace sample)
      throws Exception {
    Path store = keyStore();
    try (Application application =
            Application.open(
                sample.workspace(), Map.of(Tls.PASSWORD_VARIABLE, PASSWORD), Clock.systemUTC());
        HttpServing.Running https = application.http().start("127.0.0.1:0", Optional.of(store));
        HttpServing.Running plain = application.http().start("127.0.0.1:0", Optional.empty())) {
      HttpResponse<String> secure =
          client(store)
              .send(
                  HttpRequest.newBuilder(URI.create(https.address() + "/api/openapi.json")).build(),
                  HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> clear =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(plain.address() + "/api/openapi.json")).build(),
                  HttpResponse.BodyHandlers.ofString());

      assertThat(https.address()).startsWith("https://127.0.0.1:");
      assertThat(secure.statusCode()).isEqualTo(200);
      assertThat(secure.headers().firstValue("Strict-Transport-Security"))
          .hasValueSatisfying(v -> assertThat(v).startsWith("max-age="));
      assertThat(clear.statusCode()).isEqualTo(200);
      assertThat(clear.headers().firstValue("Strict-Transport-Security")).isEmpty();
    }
  }

  @Test
  void aKeyStoreWithoutItsPasswordIsSaidPlainly(SampleWorkspace sample) throws Exception {
    Path store = keyStore();
    try (Application application =
        Application.open(sample.workspace(), Map.of(), Clock.systemUTC())) {
      assertThatThrownBy(() -> application.http().start("127.0.0.1:0", Optional.of(store)))
          .isInstanceOf(ServiceFailure.BadInput.class)
          .hasMessageContaining(Tls.PASSWORD_VARIABLE);
    }
  }

  private Path keyStore() throws IOException {
    return LocalHttpsServer.selfSignedKeyStore(keys, PASSWORD);
  }

  private static HttpClient client(Path store) throws Exception {
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      trusted.load(in, PASSWORD.toCharArray());
    }
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(context).build();
  }
}
