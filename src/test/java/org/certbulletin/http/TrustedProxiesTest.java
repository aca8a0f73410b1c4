package org.certbulletin.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.certbulletin.model.AuditEntry;
import org.certbulletin.model.Role;
import org.certbulletin.model.Tlp;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.SampleWorkspaceExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Behind nginx: the client's address in the audit log and HSTS for a request that came over TLS are
 * what a trusted proxy forwards; the same headers from a caller no one trusts change nothing. The
 * forwarded address is only a header's text: nothing is sent to it.
 */
@ExtendWith(SampleWorkspaceExtension.class)
class TrustedProxiesTest {

  private static final String CLIENT = "203.0.113.7";

  @Test
  void aTrustedProxySaysWhoTheClientIsAndThatItCameOverTls(SampleWorkspace sample)
      throws Exception {
    sample.configure("http", "{\"trusted_proxies\": [\"127.0.0.1\", \"::1\"]}");
    try (ServedApi api = new ServedApi(sample)) {
      HttpResponse<String> answer = revokeThroughProxy(api);

      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      assertThat(answer.headers().firstValue("Strict-Transport-Security")).isPresent();
      assertThat(lastEntry(api).from()).isEqualTo(CLIENT);
    }
  }

  @Test
  void forwardedHeadersFromAnUntrustedCallerAreIgnored(SampleWorkspace sample) throws Exception {
    sample.configure("http", "{\"trusted_proxies\": [\"192.0.2.1\"]}");
    try (ServedApi api = new ServedApi(sample)) {
      HttpResponse<String> answer = revokeThroughProxy(api);

      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      assertThat(answer.headers().firstValue("Strict-Transport-Security")).isEmpty();
      assertThat(lastEntry(api).from()).isEqualTo("127.0.0.1");
    }
  }

  /** An admin revokes a token (an audited change), the request saying it came from a client. */
  private static HttpResponse<String> revokeThroughProxy(ServedApi api) throws Exception {
    api.user("root", Tlp.RED, Role.ADMIN);
    String admin = api.token("admin", "root", Optional.empty());
    api.token("old", "root", Optional.empty());
    return api.send(
        api.request("/api/tokens/old")
            .header("Authorization", "Bearer " + admin)
            .header("X-Forwarded-For", CLIENT)
            .header("X-Forwarded-Proto", "https")
            .method("DELETE", HttpRequest.BodyPublishers.noBody()));
  }

  private static AuditEntry lastEntry(ServedApi api) {
    return api.audit().get(api.audit().size() - 1);
  }
}
