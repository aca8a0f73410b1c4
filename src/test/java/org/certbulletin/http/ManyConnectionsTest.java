package org.certbulletin.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.certbulletin.model.Role;
import org.certbulletin.model.Tlp;
import org.certbulletin.testing.Patience;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.SampleWorkspaceExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two hundred connections open at once, each asking who it is or which weeks there are: every one
 * is answered, none with a 5xx or a reset, and the server answers as usual afterwards.
 */
@ExtendWith(SampleWorkspaceExtension.class)
class ManyConnectionsTest {

  private static final int CONNECTIONS = 200;

  private ServedApi api;
  private String token;

  @BeforeEach
  void start(SampleWorkspace sample) {
    api = new ServedApi(sample);
    api.user("alice", Tlp.AMBER, Role.ANALYST);
    token = api.token("pipeline", "alice", Optional.empty());
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void twoHundredConnectionsAtOnceAreEachAnswered() throws Exception {
    CountDownLatch connected = new CountDownLatch(CONNECTIONS);
    CountDownLatch go = new CountDownLatch(1);
    Duration wait = Patience.stretched(Duration.ofSeconds(60));
    ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
    List<Future<String>> answers = new ArrayList<>();
    try {
      for (int i = 0; i < CONNECTIONS; i++) {
        String path = i % 4 == 0 ? "/api/weeks" : "/api/me";
        answers.add(
            pool.submit(
                () -> {
                  try (Socket socket =
                      new Socket(InetAddress.getLoopbackAddress(), api.server.port())) {
                    socket.setSoTimeout((int) wait.toMillis());
                    connected.countDown();
                    if (!go.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                      return "never started";
                    }
                    socket
                        .getOutputStream()
                        .write(
                            ("GET "
                                    + path
                                    + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                                    + token
                                    + "\r\nConnection: close\r\n\r\n")
                                .getBytes(UTF_8));
                    RawHttp.Response response = RawHttp.read(socket.getInputStream());
                    api.assertNoLeak(response.status(), response.body());
                    return path + " " + response.status();
                  } catch (IOException e) {
                    return path + " " + e;
                  }
                }));
      }
      assertThat(connected.await(wait.toMillis(), TimeUnit.MILLISECONDS))
          .as("all %d connected within %s", CONNECTIONS, wait)
          .isTrue();
      go.countDown();
      Map<String, Integer> tally = new TreeMap<>();
      for (Future<String> answer : answers) {
        tally.merge(answer.get(wait.toMillis(), TimeUnit.MILLISECONDS), 1, Integer::sum);
      }

      assertThat(tally)
          .isEqualTo(Map.of("/api/me 200", CONNECTIONS * 3 / 4, "/api/weeks 200", CONNECTIONS / 4));
    } finally {
      pool.shutdownNow();
    }
    api.assertStillAnswers(token);
  }
}
