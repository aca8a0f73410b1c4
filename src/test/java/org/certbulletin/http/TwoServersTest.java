package org.certbulletin.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.certbulletin.model.Principal;
import org.certbulletin.model.Role;
import org.certbulletin.model.Tlp;
import org.certbulletin.service.Application;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two servers on one PostgreSQL, as behind a load balancer: a person signed in on one is signed in
 * on the other, signing out on one ends the session on both, and both write one audit log.
 */
class TwoServersTest {

  private static final String PASSWORD = "correct horse battery staple";

  @TempDir Path first;
  @TempDir Path second;

  @Test
  void aSessionStartedOnOneServerHoldsOnTheOtherAndEndsOnBoth() throws Exception {
    String url = TestPostgres.newDatabase();
    SampleWorkspace a = SampleWorkspace.copyTo(first);
    SampleWorkspace b = SampleWorkspace.copyTo(second);
    for (SampleWorkspace node : new SampleWorkspace[] {a, b}) {
      node.configure("state", "{\"jdbc_url\": \"" + url + "\", \"cluster\": true}");
    }
    HttpClient client = HttpClient.newHttpClient();
    try (Application appA = Application.open(a.workspace(), Map.of(), Clock.systemUTC());
        Application appB = Application.open(b.workspace(), Map.of(), Clock.systemUTC());
        ApiServer serverA = ApiServer.start(new Listen("127.0.0.1", 0), appA);
        ApiServer serverB = ApiServer.start(new Listen("127.0.0.1", 0), appB)) {
      appA.access()
          .addUser(
              Principal.system("test"),
              "test",
              "alice",
              Set.of(Role.ANALYST),
              Tlp.GREEN,
              PASSWORD.toCharArray());

      HttpResponse<String> signedIn =
          client.send(
              HttpRequest.newBuilder(URI.create(serverA.address() + "/api/session"))
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"name\":\"alice\",\"password\":\"" + PASSWORD + "\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      String cookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
      String csrf = Json.MAPPER.readTree(signedIn.body()).path("csrfToken").asString();

      int onB = me(client, serverB, cookie);
      HttpResponse<String> outOnB =
          client.send(
              HttpRequest.newBuilder(URI.create(serverB.address() + "/api/session"))
                  .header("Cookie", cookie)
                  .header("X-CSRF-Token", csrf)
                  .DELETE()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      int onAAfter = me(client, serverA, cookie);

      assertThat(signedIn.statusCode()).isEqualTo(200);
      assertThat(onB).as("signed in on A, seen on B").isEqualTo(200);
      assertThat(outOnB.statusCode()).isEqualTo(204);
      assertThat(onAAfter).as("signed out on B, gone on A").isEqualTo(401);
      assertThat(
              appA.access()
                  .listAudit(
                      Principal.system("test"),
                      "test",
                      org.certbulletin.service.AuditQuery.newest(100))
                  .entries())
          .as("one log: B's sign-out is in A's")
          .anySatisfy(e -> assertThat(e.operation()).contains("logout"));
    }
  }

  private static int me(HttpClient client, ApiServer server, String cookie) throws Exception {
    return client
        .send(
            HttpRequest.newBuilder(URI.create(server.address() + "/api/me"))
                .header("Cookie", cookie)
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }
}
