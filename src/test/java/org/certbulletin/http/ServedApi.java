package org.certbulletin.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.certbulletin.model.AuditEntry;
import org.certbulletin.model.Principal;
import org.certbulletin.model.Role;
import org.certbulletin.model.Tlp;
import org.certbulletin.service.AccessService;
import org.certbulletin.service.Application;
import org.certbulletin.service.AuditQuery;
import org.certbulletin.testing.MovableClock;
import org.certbulletin.testing.SampleWorkspace;

/**
 * The real server on a free port of 127.0.0.1 over the sample workspace, with a clock the test
 * moves, users of each role and a token for each: what the hostile tests attack.
 */
final class ServedApi implements AutoCloseable {

  static final Principal SETUP = Principal.system("test");
  static final String PASSWORD = "correct horse battery staple";

  /** What no response body may hold: a stack trace, a class, a source file, a Jetty page. */
  private static final Pattern LEAK =
      Pattern.compile(
          "Exception|\\sat"
              + " [a-z]+(\\.[\\w$]+)+\\(|java\\.|jakarta\\.|javax\\.|org\\.eclipse|io\\.javalin"
              + "|tools\\.jackson|com\\.fasterxml|org\\.certbulletin|\\.java\\b|\\.kt\\b"
              + "|StreamRead|Constraints|[Jj]etty|<html|/tmp/|/home/|/work/");

  /** Stack frames, source files, folders of this machine, Jetty's own pages. */
  private static final Pattern STACK_OR_PATH =
      Pattern.compile("\\sat [a-z]+(\\.[\\w$]+)+\\(|\\.java\\b|<html|/tmp/|/home/|/work/");

  final SampleWorkspace sample;
  final MovableClock clock = new MovableClock();
  final Application application;
  final AccessService access;
  final ApiServer server;
  final RawHttp raw;
  final HttpClient client = HttpClient.newHttpClient();

  ServedApi(SampleWorkspace sample) {
    this.sample = sample;
    application = Application.open(sample.workspace(), Map.of(), clock);
    access = application.access();
    server = ApiServer.start(new Listen("127.0.0.1", 0), application);
    raw = new RawHttp(server.port());
  }

  /** A user with one role and a clearance; the password is {@link #PASSWORD}. */
  void user(String name, Tlp clearance, Role... roles) {
    access.addUser(SETUP, "test", name, Set.of(roles), clearance, PASSWORD.toCharArray());
  }

  /** A token's secret, for {@code Authorization: Bearer}. */
  String token(String name, String user, Optional<Duration> validFor) {
    return access.createToken(SETUP, "test", name, user, validFor).secret();
  }

  /** The audit log, oldest first. */
  List<AuditEntry> audit() {
    List<AuditEntry> entries = new ArrayList<>();
    for (AuditEntry entry :
        access.listAudit(SETUP, "test", AuditQuery.newest(AuditQuery.MAX_LIMIT)).entries()) {
      entries.add(0, entry);
    }
    return entries;
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(server.address() + path));
  }

  /** Sends a request with the JDK's client; its body checked for leaks. */
  HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<String> response =
        client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertNoLeak(response.statusCode(), response.body());
    return response;
  }

  /** Sends raw bytes; the body of what comes back checked for leaks. */
  RawHttp.Response exchange(String head) throws IOException {
    RawHttp.Response response = raw.exchange(head);
    assertNoLeak(response.status(), response.body());
    return response;
  }

  RawHttp.Response exchange(byte[] head, byte[] body) throws IOException {
    RawHttp.Response response = raw.exchange(head, body);
    assertNoLeak(response.status(), response.body());
    return response;
  }

  void assertNoLeak(int status, String body) {
    assertThat(body)
        .as("body of a " + status)
        .doesNotContainPattern(LEAK)
        .doesNotContain(sample.root().toString());
  }

  void assertNoStackOrPath(int status, String body) {
    assertThat(body)
        .as("body of a " + status)
        .doesNotContainPattern(STACK_OR_PATH)
        .doesNotContain(sample.root().toString());
  }

  /** Whether the server still answers a signed-in caller as usual. */
  void assertStillAnswers(String secret) throws IOException, InterruptedException {
    HttpResponse<String> me =
        send(request("/api/me").header("Authorization", "Bearer " + secret).GET());
    assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
  }

  @Override
  public void close() {
    server.close();
    application.close();
  }
}
