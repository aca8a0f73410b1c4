package org.certbulletin.http.subscribe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.certbulletin.http.ApiServer;
import org.certbulletin.http.Listen;
import org.certbulletin.model.AuditEntry;
import org.certbulletin.model.Principal;
import org.certbulletin.model.Recipient;
import org.certbulletin.service.Application;
import org.certbulletin.service.AuditQuery;
import org.certbulletin.subscribe.ProofOfWork;
import org.certbulletin.subscribe.SubscriberKey;
import org.certbulletin.subscribe.Token;
import org.certbulletin.subscribe.TokenSeal;
import org.certbulletin.testing.MovableClock;
import org.certbulletin.testing.SampleWorkspace;

/**
 * The real server on a free port of 127.0.0.1 over a sample workspace whose lists readers may join,
 * with the subscriber key set, a clock the test moves, and a client that keeps no cookies and
 * follows no redirects: what a reader's browser and a mail client send.
 */
final class ServedReaders implements AutoCloseable {

  static final Map<String, String> KEY =
      Map.of(SubscriberKey.VARIABLE, "a test key that is long enough to be accepted, 0123456789");

  private static final Pattern CHALLENGE = Pattern.compile("name=\"challenge\" value=\"([^\"]+)\"");

  final SampleWorkspace sample;
  final MovableClock clock = new MovableClock();
  final Application application;
  final ApiServer server;
  private final HttpClient client =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  ServedReaders(SampleWorkspace sample) {
    this.sample = sample;
    application = Application.open(sample.workspace(), KEY, clock);
    server = ApiServer.start(new Listen("127.0.0.1", 0), application);
  }

  HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
    if (headers.length > 0) {
      request.headers(headers);
    }
    return send(request);
  }

  HttpResponse<String> post(String path, Map<String, List<String>> fields, String... headers)
      throws Exception {
    return postBody(path, encode(fields), headers);
  }

  HttpResponse<String> postBody(String path, String body, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return send(request);
  }

  private HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.body())
        .as("body of a " + response.statusCode())
        .doesNotContain("Exception", "org.certbulletin", sample.root().toString(), "??");
    return response;
  }

  /**
   * The sign-up form of {@code list} sent as a browser with its script sends it: the page's
   * challenge solved, and {@code fields}.
   */
  HttpResponse<String> signUp(String list, Map<String, List<String>> fields, String... headers)
      throws Exception {
    String challenge = challenge(get("/subscriptions/join/" + list).body());
    Map<String, List<String>> all = new java.util.LinkedHashMap<>(fields);
    all.put("challenge", List.of(challenge));
    all.put("work", List.of(ProofOfWork.solve(challenge)));
    return post("/subscriptions/join/" + list, all, headers);
  }

  HttpResponse<String> signUp(String list, String address) throws Exception {
    return signUp(list, Map.of("address", List.of(address)));
  }

  static String challenge(String html) {
    Matcher m = CHALLENGE.matcher(html);
    assertThat(m.find()).as("a challenge in\n" + html).isTrue();
    return m.group(1);
  }

  /** A sealed link of {@code purpose} for {@code address} on {@code list}, as a message has. */
  String token(Token.Purpose purpose, String list, String address, Duration valid) {
    TokenSeal seal = new TokenSeal(SubscriberKey.from(KEY), new SecureRandom(), clock);
    return seal.seal(seal.issue(purpose, list, address, clock.instant().plus(valid)));
  }

  /** The addresses the next send of {@code list} goes to (its recipients file left out). */
  List<String> recipients(String list) {
    return application
        .subscriptions()
        .recipients(application.subscriptions().openList(list).orElseThrow(), List.of())
        .stream()
        .map(Recipient::address)
        .toList();
  }

  /** The audit log, oldest first. */
  List<AuditEntry> audit() {
    List<AuditEntry> entries = new ArrayList<>();
    for (AuditEntry entry :
        application
            .access()
            .listAudit(Principal.system("test"), "test", AuditQuery.newest(AuditQuery.MAX_LIMIT))
            .entries()) {
      entries.add(0, entry);
    }
    return entries;
  }

  private URI uri(String path) {
    return URI.create(server.address() + path);
  }

  static String encode(Map<String, List<String>> fields) {
    List<String> pairs = new ArrayList<>();
    fields.forEach(
        (k, values) -> {
          for (String v : values) {
            pairs.add(
                URLEncoder.encode(k, StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(v, StandardCharsets.UTF_8));
          }
        });
    return String.join("&", pairs);
  }

  @Override
  public void close() {
    server.close();
    application.close();
  }
}
