package org.certbulletin.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.certbulletin.model.Principal;
import org.certbulletin.model.Role;
import org.certbulletin.model.Tlp;
import org.certbulletin.service.Application;
import org.certbulletin.testing.CliProcess;
import org.certbulletin.testing.Patience;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.SampleWorkspaceExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * {@code cert-bulletin serve} as an operator runs it: a process of its own that says where it
 * listens, answers over HTTP, and stops on SIGTERM (exit 143) after which nothing answers.
 */
@ExtendWith(SampleWorkspaceExtension.class)
// waits on processes of its own: runs beside the other classes
@Execution(ExecutionMode.CONCURRENT)
class ServeProcessTest {

  private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

  @Test
  void servesUntilSigtermAndThenStops(SampleWorkspace sample) throws Exception {
    String secret;
    try (Application application =
        Application.open(sample.workspace(), Map.of(), Clock.systemUTC())) {
      Principal setup = Principal.system("test");
      application
          .access()
          .addUser(
              setup,
              "test",
              "alice",
              Set.of(Role.ANALYST),
              Tlp.AMBER,
              "correct horse battery staple".toCharArray());
      secret =
          application
              .access()
              .createToken(setup, "test", "pipeline", "alice", Optional.empty())
              .secret();
    }
    try (CliProcess serve =
        CliProcess.start(
            sample.root().resolve("serve.log"), serve(sample, "--listen", "127.0.0.1:0"))) {
      assertThat(
              serve.awaitLine(
                  "listening on http://127.0.0.1:", Patience.stretched(Duration.ofSeconds(60))))
          .as(serve.output())
          .isTrue();
      Matcher address = LISTENING.matcher(serve.output());
      assertThat(address.find()).isTrue();
      URI me = URI.create(address.group(1) + "/api/me");
      HttpClient client = HttpClient.newHttpClient();

      HttpResponse<String> answer =
          client.send(
              HttpRequest.newBuilder(me).header("Authorization", "Bearer " + secret).build(),
              HttpResponse.BodyHandlers.ofString());
      int exit = serve.terminate(Patience.stretched(Duration.ofSeconds(30)));

      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(answer.body()).contains("\"alice\"");
      assertThat(exit).as(serve.output()).isEqualTo(143);
      assertThat(serve.output()).contains("stopping");
      assertThatThrownBy(
              () ->
                  client.send(
                      HttpRequest.newBuilder(me).build(), HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(java.io.IOException.class);
    }
  }

  @Test
  void aMalformedAddressOrABusyPortIsSaidPlainly(SampleWorkspace sample) throws Exception {
    try (CliProcess malformed =
            CliProcess.start(
                sample.root().resolve("malformed.log"), serve(sample, "--listen", "localhost"));
        ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      int malformedExit = malformed.await(Patience.stretched(Duration.ofSeconds(60)));
      try (CliProcess busy =
          CliProcess.start(
              sample.root().resolve("busy.log"),
              serve(sample, "--listen", "127.0.0.1:" + taken.getLocalPort()))) {
        int busyExit = busy.await(Patience.stretched(Duration.ofSeconds(60)));

        assertThat(malformedExit).as(malformed.output()).isEqualTo(2);
        assertThat(malformed.output())
            .contains("--listen", "127.0.0.1:8080")
            .doesNotContain("\tat ");
        assertThat(busyExit).as(busy.output()).isEqualTo(1);
        assertThat(busy.output()).contains("cannot listen on").doesNotContain("\tat ");
      }
    }
  }

  @Test
  void runServesTheApiBesideTheSchedulerWhenConfigured(SampleWorkspace sample) throws Exception {
    sample.configure("http", "{\"listen\": \"127.0.0.1:0\"}");
    List<String> command = new ArrayList<>(List.of("run"));
    command.addAll(List.of(sample.options()));
    try (CliProcess run = CliProcess.start(sample.root().resolve("run.log"), command)) {
      assertThat(
              run.awaitLine(
                  "listening on http://127.0.0.1:", Patience.stretched(Duration.ofSeconds(60))))
          .as(run.output())
          .isTrue();
      Matcher address = LISTENING.matcher(run.output());
      assertThat(address.find()).isTrue();
      HttpResponse<String> api =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(address.group(1) + "/api/openapi.json"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());

      assertThat(api.statusCode()).isEqualTo(200);
      assertThat(run.awaitLine("stop with SIGTERM", Patience.stretched(Duration.ofSeconds(60))))
          .as(run.output())
          .isTrue();
      assertThat(run.output())
          .contains("the HTTP API and console are served beside the schedule")
          .doesNotContain("no HTTP server");
      assertThat(run.terminate(Patience.stretched(Duration.ofSeconds(30))))
          .as(run.output())
          .isIn(0, 143);
    }
  }

  @Test
  void runServesNothingWhenTheConfigurationDoesNotAskForIt(SampleWorkspace sample)
      throws Exception {
    List<String> command = new ArrayList<>(List.of("run"));
    command.addAll(List.of(sample.options()));
    try (CliProcess run = CliProcess.start(sample.root().resolve("run.log"), command)) {
      // the daemon's intentions are printed after the API would have been started
      assertThat(run.awaitLine("next", Patience.stretched(Duration.ofSeconds(60))))
          .as(run.output())
          .isTrue();
      assertThat(run.awaitLine("stop with SIGTERM", Patience.stretched(Duration.ofSeconds(60))))
          .as(run.output())
          .isTrue();
      run.terminate(Patience.stretched(Duration.ofSeconds(30)));

      assertThat(run.output())
          .doesNotContain("listening on")
          .contains("no HTTP server (config.json has no 'http' settings)");
    }
  }

  private static List<String> serve(SampleWorkspace sample, String... args) {
    List<String> command = new ArrayList<>(List.of("serve"));
    command.addAll(List.of(sample.options()));
    command.addAll(List.of(args));
    return command;
  }
}
