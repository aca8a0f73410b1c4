package org.certbulletin.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.certbulletin.http.ApiServer;
import org.certbulletin.http.Listen;
import org.certbulletin.model.Principal;
import org.certbulletin.model.Role;
import org.certbulletin.model.Tlp;
import org.certbulletin.service.Application;
import org.certbulletin.service.Workspace;

/**
 * The web console's pages over HTTP, on a warm server started in this JVM on a copy of the data
 * folder, for a person signed in with every role: {@code console_<page>_ms_p50} and {@code _p95}
 * for the weeks list, the editor, the JSON editor, the preview page, the edition in its frame, the
 * review and the operate page of the week, each asked for {@value #ROUNDS} times after {@value
 * #WARM_UP} to warm up; and the API's {@code getWeek} the same way, for a yardstick measured in the
 * same run. Times are the client's, on the loopback: the server's time plus a little.
 */
final class ConsolePages {

  private static final int WARM_UP = 30;
  private static final int ROUNDS = 100;
  private static final String PASSWORD = "benchmark password, long enough";

  private ConsolePages() {}

  static void run(Setup setup) throws IOException, InterruptedException {
    String week = setup.week().toString();
    Map<String, String> pages = new LinkedHashMap<>();
    pages.put("weeks", "/console/");
    pages.put("editor", "/console/weeks/" + week);
    pages.put("json", "/console/weeks/" + week + "/json");
    pages.put("preview", "/console/weeks/" + week + "/preview");
    pages.put("edition", "/console/weeks/" + week + "/preview/en/html");
    pages.put("review", "/console/weeks/" + week + "/review");
    pages.put("operate", "/console/operate");
    pages.put("api_get_week", "/api/weeks/" + week);
    Figures.progress(
        "console: " + pages.size() + " pages of " + week + ", " + WARM_UP + " rounds to warm up");
    Path scratch = Files.createTempDirectory("cert-bulletin-console");
    Path copy = scratch.resolve("data");
    DataFolders.copy(setup.data(), copy);
    Workspace workspace = new Workspace(copy, setup.templates(), scratch.resolve("out"));
    try (Application application = Application.open(workspace, Map.of(), Clock.systemUTC())) {
      application
          .access()
          .addUser(
              Principal.system("benchmark"),
              "benchmark",
              "team",
              Set.of(Role.values()),
              Tlp.RED,
              PASSWORD.toCharArray());
      ApiServer server = ApiServer.start(new Listen("127.0.0.1", 0), application);
      try {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String cookie = signIn(client, server.address());
        Map<String, List<Double>> times = new LinkedHashMap<>();
        pages.keySet().forEach(page -> times.put(page, new ArrayList<>()));
        for (int round = 0; round < WARM_UP + ROUNDS; round++) {
          for (Map.Entry<String, String> page : pages.entrySet()) {
            long start = System.nanoTime();
            HttpResponse<byte[]> response =
                client.send(
                    HttpRequest.newBuilder(URI.create(server.address() + page.getValue()))
                        .header("Cookie", cookie)
                        .GET()
                        .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            double ms = (System.nanoTime() - start) / 1e6;
            if (response.statusCode() != 200) {
              throw new IOException(
                  page.getValue()
                      + " answered "
                      + response.statusCode()
                      + ": "
                      + new String(response.body(), StandardCharsets.UTF_8));
            }
            if (round >= WARM_UP) {
              times.get(page.getKey()).add(ms);
            }
          }
        }
        for (Map.Entry<String, List<Double>> page : times.entrySet()) {
          String name =
              page.getKey().startsWith("api_") ? page.getKey() : "console_" + page.getKey();
          setup.figures().add(name + "_ms_p50", new Stats(page.getValue()).median(), "ms");
          setup.figures().add(name + "_ms_p95", new Stats(page.getValue()).percentile(95), "ms");
        }
      } finally {
        server.close();
      }
    }
  }

  /** Signs in through the console's form; the session cookie. */
  private static String signIn(HttpClient client, String address)
      throws IOException, InterruptedException {
    String form =
        "name=team&password="
            + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8)
            + "&next=%2Fconsole%2F";
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(URI.create(address + "/console/sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String cookie =
        response
            .headers()
            .firstValue("Set-Cookie")
            .orElseThrow(
                () ->
                    new IOException(
                        "the sign-in answered " + response.statusCode() + " without a session"));
    return cookie.substring(0, cookie.indexOf(';'));
  }
}
