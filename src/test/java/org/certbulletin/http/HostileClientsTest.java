package org.certbulletin.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.certbulletin.model.Role;
import org.certbulletin.model.Tlp;
import org.certbulletin.service.WeekDocuments;
import org.certbulletin.testing.Patience;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.SampleWorkspaceExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * The API against clients that mean harm or are broken: path tricks, bodies too deep, too large, of
 * the wrong shape or shorter than they say, headers too large or split, ranges and tags that make
 * no sense. Each is answered with a 4xx {@code application/problem+json} that names no class, file
 * or stack frame, nothing outside the data folder is read or written, and the server answers the
 * next request as usual. Each refusal has a control: the same request, well formed, succeeds.
 */
@ExtendWith(SampleWorkspaceExtension.class)
class HostileClientsTest {

  private ServedApi api;
  private String analyst;
  private String admin;

  @BeforeEach
  void start(SampleWorkspace sample) {
    api = new ServedApi(sample);
    api.user("alice", Tlp.AMBER, Role.ANALYST);
    api.user("dave", Tlp.AMBER, Role.ADMIN, Role.ANALYST);
    analyst = api.token("pipeline", "alice", Optional.empty());
    admin = api.token("daves-script", "dave", Optional.empty());
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void pathTricksAreRefusedAndNoFileOutsideTheWeeksIsReadOrWritten() throws Exception {
    Path outside = api.sample.root().resolve("secret.json");
    Files.writeString(outside, "{\"secret\": true}");
    Map<String, String> before = SampleWorkspace.snapshot(api.sample.root());
    String body = api.sample.readWeek("2024-W50");
    List<String> tricks =
        List.of(
            "..%2F..%2Fconfig",
            "%2e%2e%2f%2e%2e%2fsecret",
            "..%2F..%2F..%2Fsecret",
            "2024-W51%2F..%2F..%2Fconfig",
            "2024%2FW51",
            "2024-W51%5C..%5Cconfig",
            "2024-W51%00",
            "2024-W51%00.json",
            "%",
            "%zz",
            "2024-W51.json",
            "2024-W51%20",
            "2024-W51;x=y",
            "2024-W%EF%BC%95%EF%BC%91", // fullwidth digits
            "2024%E2%80%90W51", // a Unicode hyphen
            "2024-%D0%92%D0%A651", // Cyrillic letters that look like W
            "9".repeat(4000),
            "9".repeat(40_000));
    List<String> answered = new ArrayList<>();
    for (String trick : tricks) {
      for (String method : List.of("GET", "PUT")) {
        byte[] bytes = method.equals("PUT") ? body.getBytes(UTF_8) : new byte[0];
        RawHttp.Response response =
            api.exchange(
                head(method, "/api/weeks/" + trick, analyst, bytes.length).getBytes(UTF_8), bytes);
        answered.add(method + " " + abbreviated(trick) + " " + response.status());
        assertThat(response.body()).doesNotContain("\"secret\": true", "\"languages\"");
        assertProblem(response, 400, 404, 414);
      }
    }
    RawHttp.Response dotted =
        api.exchange(head("GET", "/api/weeks/../../config", analyst, 0) + "\r\n");
    RawHttp.Response language =
        api.exchange(head("GET", "/api/weeks/2024-W51/editions/..%2F..%2F/json", analyst, 0));
    RawHttp.Response token = api.exchange(head("DELETE", "/api/tokens/..%2F..%2Fx", admin, 0));

    assertThat(answered).hasSize(2 * tricks.size());
    assertProblem(dotted, 400, 404);
    assertProblem(language, 404);
    assertProblem(token, 400, 404);
    assertThat(withoutOut(SampleWorkspace.snapshot(api.sample.root())))
        .as("the workspace outside out/, after " + answered)
        .isEqualTo(withoutOut(before));
    // control: the same requests, well formed, read and write the week
    RawHttp.Response read = api.exchange(head("GET", "/api/weeks/2024-W50", analyst, 0));
    assertThat(read.status()).isEqualTo(200);
    api.assertStillAnswers(analyst);
  }

  @Test
  void bodiesTooDeepTooLargeOrOfTheWrongShapeAreProblemsWithPointers() throws Exception {
    String week = api.sample.readWeek("2024-W50");
    String arrays = "[".repeat(10_000) + "]".repeat(10_000);
    String objects = "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000);
    String huge = "a".repeat(1_900_000);
    Map<String, String> before = SampleWorkspace.snapshot(api.sample.data());
    List<String> bodies =
        List.of(
            arrays,
            objects,
            "{\"name\":\"" + huge + "\",\"user\":\"alice\",\"password\":\"x\"}",
            "{\"name\": \"alice\"",
            "[]",
            "null",
            "",
            "{\"name\":" + "9".repeat(5000) + "}");
    for (String target : List.of("POST /api/session", "POST /api/tokens")) {
      for (String bad : bodies) {
        RawHttp.Response response = sendJson(target, bad, admin);
        assertProblem(response, 400);
        assertThat(problems(response)).isNotEmpty();
      }
    }
    for (String bad : bodies) {
      byte[] bytes = bad.getBytes(UTF_8);
      // the week reader (ingest) still quotes the parser's words, which name its classes: only
      // stack frames and paths are checked here
      RawHttp.Response response =
          api.raw.exchange(
              head("PUT", "/api/weeks/2024-W52", analyst, bytes.length).getBytes(UTF_8), bytes);
      api.assertNoStackOrPath(response.status(), response.body());
      assertProblem(response, 400);
      assertThat(problems(response)).isNotEmpty();
    }
    assertThat(SampleWorkspace.snapshot(api.sample.data())).isEqualTo(before);
    api.assertStillAnswers(analyst);
    // control: the week as it is, with its tag, is taken
    RawHttp.Response taken =
        sendJson(
            "PUT /api/weeks/2024-W50",
            week,
            analyst,
            "If-Match: " + WeekDocuments.etag(week.getBytes(UTF_8)));
    assertThat(taken.status()).as(taken.toString()).isEqualTo(200);
  }

  @Test
  void unknownMembersDuplicatesAndWrongTypesAreRefusedWithTheirPointers() throws Exception {
    RawHttp.Response unknownInSignIn =
        sendJson(
            "POST /api/session",
            "{\"name\":\"alice\",\"password\":\"" + ServedApi.PASSWORD + "\",\"admin\":true}",
            null);
    RawHttp.Response duplicate =
        sendJson(
            "POST /api/session",
            "{\"name\":\"dave\",\"name\":\"alice\",\"password\":\"" + ServedApi.PASSWORD + "\"}",
            null);
    RawHttp.Response unknownInToken =
        sendJson(
            "POST /api/tokens", "{\"name\":\"x\",\"user\":\"alice\",\"roles\":[\"admin\"]}", admin);
    RawHttp.Response wrongType =
        sendJson("POST /api/session", "{\"name\":5,\"password\":[]}", null);
    RawHttp.Response wrongExpiry =
        sendJson("POST /api/tokens", "{\"name\":\"x\",\"user\":\"alice\",\"expires\":90}", admin);
    RawHttp.Response truncated = sendJson("POST /api/tokens", "{\"name\":\"x\",\n\"us", admin);
    RawHttp.Response signIn =
        sendJson(
            "POST /api/session",
            "{\"name\":\"alice\",\"password\":\"" + ServedApi.PASSWORD + "\"}",
            null);
    RawHttp.Response made =
        sendJson(
            "POST /api/tokens", "{\"name\":\"x\",\"user\":\"alice\",\"expires\":\"P9D\"}", admin);

    assertThat(pointers(unknownInSignIn)).containsExactly("/admin");
    assertThat(pointers(duplicate)).containsExactly("/name");
    assertThat(pointers(unknownInToken)).containsExactly("/roles");
    assertThat(pointers(wrongType)).contains("/name");
    assertThat(pointers(wrongExpiry)).containsExactly("/expires");
    assertThat(problems(truncated).get(0).path("line").asInt()).isEqualTo(2);
    assertThat(api.access.listTokens(ServedApi.SETUP, "test"))
        .extracting(t -> t.name())
        .containsExactlyInAnyOrder("pipeline", "daves-script", "x");
    assertThat(signIn.status()).isEqualTo(200);
    assertThat(made.status()).isEqualTo(201);
  }

  @Test
  void aBodyLargerThanTheBoundIsRefusedWhateverItsFramingAndALyingLengthTooFewBytes()
      throws Exception {
    ByteArrayOutputStream chunked = new ByteArrayOutputStream();
    byte[] chunk = " ".repeat(64 * 1024).getBytes(UTF_8);
    for (int i = 0; i < 40; i++) {
      chunked.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(UTF_8));
      chunked.write(chunk);
      chunked.write("\r\n".getBytes(UTF_8));
    }
    chunked.write("0\r\n\r\n".getBytes(UTF_8));
    for (String target :
        List.of("PUT /api/weeks/2024-W52", "POST /api/session", "POST /api/tokens")) {
      RawHttp.Response response =
          api.exchange(
              (target
                      + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                      + admin
                      + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                      + "Connection: close\r\n\r\n")
                  .getBytes(UTF_8),
              chunked.toByteArray());
      assertProblem(response, 413);
    }
    // fewer bytes than the length says, then the end of the stream
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), api.server.port())) {
      socket.setSoTimeout((int) Patience.stretched(Duration.ofSeconds(20)).toMillis());
      socket
          .getOutputStream()
          .write(
              ("POST /api/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                      + "Content-Length: 100\r\n\r\n{\"name\":")
                  .getBytes(UTF_8));
      socket.shutdownOutput();
      RawHttp.Response shortBody = RawHttp.read(socket.getInputStream());
      api.assertNoLeak(shortBody.status(), shortBody.body());
      assertProblem(shortBody, 400);
    }
    // a length above the bound, and a body that ends long before it
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), api.server.port())) {
      socket.setSoTimeout((int) Patience.stretched(Duration.ofSeconds(20)).toMillis());
      socket
          .getOutputStream()
          .write(
              ("POST /api/tokens HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                      + admin
                      + "\r\nContent-Type: application/json\r\nContent-Length: 3000000\r\n\r\n{}")
                  .getBytes(UTF_8));
      socket.shutdownOutput();
      RawHttp.Response shortBody = RawHttp.read(socket.getInputStream());
      api.assertNoLeak(shortBody.status(), shortBody.body());
      assertProblem(shortBody, 400, 413);
    }
    RawHttp.Response badChunk =
        api.exchange(
            crlf(
                "POST /api/session HTTP/1.1",
                "Host: x",
                "Content-Type: application/json",
                "Transfer-Encoding: chunked",
                "Connection: close",
                "",
                "zz",
                "{}",
                "0",
                "",
                ""));
    assertProblem(badChunk, 400);
    for (String length : List.of("-1", "abc", "99999999999999999999", "2\r\nContent-Length: 3")) {
      RawHttp.Response lie =
          api.exchange(
              "POST /api/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  + "Content-Length: "
                  + length
                  + "\r\nConnection: close\r\n\r\n{}");
      assertProblem(lie, 400);
    }
    RawHttp.Response smuggled =
        api.exchange(
            crlf(
                "POST /api/session HTTP/1.1",
                "Host: x",
                "Content-Type: application/json",
                "Content-Length: 2",
                "Transfer-Encoding: chunked",
                "Connection: close",
                "",
                "2",
                "{}",
                "0",
                "",
                ""));
    assertProblem(smuggled, 400);
    // control: a body within the bound, sent in chunks, is read
    RawHttp.Response inChunks =
        api.exchange(
            "POST /api/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + "2\r\n{\"\r\n"
                + Integer.toHexString(
                    ("name\":\"alice\",\"password\":\"" + ServedApi.PASSWORD + "\"}").length())
                + "\r\nname\":\"alice\",\"password\":\""
                + ServedApi.PASSWORD
                + "\"}\r\n0\r\n\r\n");
    assertThat(inChunks.status()).as(inChunks.toString()).isEqualTo(200);
    api.assertStillAnswers(analyst);
  }

  @Test
  void headersTooLargeTooManyOrSplitAreProblems() throws Exception {
    String auth = "Authorization: Bearer " + analyst + "\r\n";
    List<String> heads =
        List.of(
            "GET /api/me HTTP/1.1\r\nHost: x\r\n"
                + auth
                + "X-Big: "
                + "a".repeat(64 * 1024)
                + "\r\n",
            "GET /api/me HTTP/1.1\r\nHost: x\r\n" + auth + "X-Many: a\r\n".repeat(3000),
            "GET /api/me HTTP/1.1\r\nHost: x\r\n" + auth + "X-A: a\rSet-Cookie: x=1\r\n",
            "GET /api/me HTTP/1.1\r\nHost: x\r\n" + auth + "X-A : a\r\n",
            "GET /api/me HTTP/1.1\r\nHost: x\r\n" + auth + " folded: yes\r\n",
            "GET /api/me HTTP/1.1\r\n" + auth,
            "GET /api/me HTTP/9.9\r\nHost: x\r\n" + auth,
            "GET /api/me\u0000 HTTP/1.1\r\nHost: x\r\n" + auth);
    for (String head : heads) {
      RawHttp.Response response = api.exchange(head + "Connection: close\r\n\r\n");
      assertProblem(response, 400, 431, 505);
      assertThat(response.headers()).noneMatch(h -> h.startsWith("Set-Cookie"));
    }
    RawHttp.Response control =
        api.exchange("GET /api/me HTTP/1.1\r\nHost: x\r\n" + auth + "Connection: close\r\n\r\n");
    assertThat(control.status()).isEqualTo(200);
  }

  @Test
  void malformedRangesAndTagsAreAnsweredAsTheRfcSays() throws Exception {
    String pdf = "/api/weeks/2024-W51/editions/en/pdf";
    RawHttp.Response whole = api.exchange(head("GET", pdf, analyst, 0));
    assertThat(whole.status()).isEqualTo(200);
    for (String range : List.of("bytes=9-1", "bytes=-0", "bytes=99999999-")) {
      RawHttp.Response response =
          api.exchange(withHeader(head("GET", pdf, analyst, 0), "Range: " + range));
      assertProblem(response, 416);
      assertThat(response.header("Content-Range"))
          .hasValueSatisfying(v -> assertThat(v).startsWith("bytes */"));
    }
    for (String range :
        List.of(
            "bytes=99999999999999999999-",
            "bytes=-99999999999999999999",
            "bytes=0-1,3-4",
            "pages=1-2",
            "bytes=",
            "bytes=a-b")) {
      RawHttp.Response response =
          api.exchange(withHeader(head("GET", pdf, analyst, 0), "Range: " + range));
      assertThat(response.status()).as(range).isEqualTo(200);
      assertThat(response.body()).startsWith("%PDF-");
    }
    RawHttp.Response part =
        api.exchange(withHeader(head("GET", pdf, analyst, 0), "Range: bytes=1-4"));
    assertThat(part.status()).isEqualTo(206);
    assertThat(part.body()).isEqualTo("PDF-");

    String week = api.sample.readWeek("2024-W50");
    for (String tag : List.of("garbage", "\"\"", "W/\"x\"", "\"" + "f".repeat(5000) + "\"")) {
      RawHttp.Response response =
          sendJson("PUT /api/weeks/2024-W50", week, analyst, "If-Match: " + tag);
      assertProblem(response, 412);
    }
    assertThat(api.sample.readWeek("2024-W50")).isEqualTo(week);
    String etag = WeekDocuments.etag(week.getBytes(UTF_8));
    assertThat(sendJson("PUT /api/weeks/2024-W50", week, analyst, "If-Match: " + etag).status())
        .isEqualTo(200);
  }

  @Test
  void aWeekWhoseFileIsBrokenIsAProblemNamingTheFileAsTheDataFolderDoesNotWhereItIs()
      throws Exception {
    RawHttp.Response good =
        api.exchange(head("GET", "/api/weeks/2024-W51/editions/en/json", analyst, 0));
    assertThat(good.status()).isEqualTo(200);
    api.sample.editWeek("2024-W51", json -> json.replaceFirst("\"value\": \\d+", "\"value\": -5"));

    RawHttp.Response broken =
        api.exchange(head("GET", "/api/weeks/2024-W51/editions/en/json", analyst, 0));

    assertThat(problems(broken))
        .extracting(p -> p.path("file").asString())
        .containsOnly("data/weeks/2024-W51.json");
  }

  @Test
  void anUnexpectedFailureIsA500WhoseIdIsInTheLogAndNothingElse() throws Exception {
    Files.createDirectories(api.sample.weekFile("2024-W52"));
    ch.qos.logback.classic.Logger logger =
        (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(ApiServer.class);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> log =
        new ch.qos.logback.core.read.ListAppender<>();
    log.start();
    logger.addAppender(log);
    try {
      List<RawHttp.Response> answers = new ArrayList<>();
      for (String path :
          List.of("/api/weeks", "/api/weeks/2024-W52", "/api/weeks/2024-W52/editions/en/pdf")) {
        answers.add(api.exchange(head("GET", path, analyst, 0)));
      }
      RawHttp.Response put =
          sendJson("PUT /api/weeks/2024-W52", api.sample.readWeek("2024-W50"), analyst);
      answers.add(put);

      // a week "file" that is a folder cannot be read: today that is a failure the server did
      // not expect, which is what this test needs
      assertThat(answers).extracting(RawHttp.Response::status).doesNotContain(0).contains(500);
      for (RawHttp.Response answer : answers) {
        if (answer.status() >= 500) {
          assertProblem(answer, 500);
          String id = Json.MAPPER.readTree(answer.body()).path("id").asString();
          assertThat(id).isNotBlank();
          assertThat(log.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains(id));
        } else {
          assertProblem(answer, 400, 404, 409, 412, 422);
        }
      }
    } finally {
      logger.detachAppender(log);
    }
    api.assertStillAnswers(analyst);
  }

  private RawHttp.Response sendJson(String target, String json, String token, String... headers)
      throws IOException {
    byte[] bytes = json.getBytes(UTF_8);
    String[] parts = target.split(" ", 2);
    String head = head(parts[0], parts[1], token, bytes.length);
    for (String header : headers) {
      head = withHeader(head, header);
    }
    return api.exchange(head.getBytes(UTF_8), bytes);
  }

  /** A request's head, ending with its empty line. */
  static String head(String method, String path, String token, int length) {
    return method
        + " "
        + path
        + " HTTP/1.1\r\nHost: x\r\n"
        + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
        + (length > 0 || method.equals("PUT") || method.equals("POST")
            ? "Content-Type: application/json\r\nContent-Length: " + length + "\r\n"
            : "")
        + "Connection: close\r\n\r\n";
  }

  /** Lines joined as HTTP/1.1 joins them. */
  static String crlf(String... lines) {
    return String.join("\r\n", lines);
  }

  static String withHeader(String head, String header) {
    return head.substring(0, head.length() - 2) + header + "\r\n\r\n";
  }

  static void assertProblem(RawHttp.Response response, Integer... statuses) {
    assertThat(response.status()).as(response.toString()).isIn((Object[]) statuses);
    assertThat(response.header("Content-Type"))
        .as(response.toString())
        .hasValueSatisfying(v -> assertThat(v).startsWith(ProblemResponse.MEDIA_TYPE));
    assertThat(response.header("X-Content-Type-Options"))
        .as(response.toString())
        .hasValue("nosniff");
    JsonNode problem = Json.MAPPER.readTree(response.body());
    assertThat(problem.path("status").asInt()).isEqualTo(response.status());
    assertThat(problem.path("type").asString()).startsWith("urn:cert-bulletin:problem:");
    assertThat(problem.path("detail").asString())
        .isNotBlank()
        .doesNotContainPattern("[\u0660-\u0669]");
  }

  private static List<JsonNode> problems(RawHttp.Response response) {
    assertProblem(response, 400);
    List<JsonNode> problems = new ArrayList<>();
    Json.MAPPER.readTree(response.body()).path("problems").forEach(problems::add);
    assertThat(problems).as(response.toString()).isNotEmpty();
    return problems;
  }

  private static List<String> pointers(RawHttp.Response response) {
    return problems(response).stream().map(p -> p.path("pointer").asString()).toList();
  }

  private static String abbreviated(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "..." : text;
  }

  private static Map<String, String> withoutOut(Map<String, String> files) {
    Map<String, String> kept = new java.util.TreeMap<>(files);
    kept.keySet().removeIf(name -> name.startsWith("out/"));
    return kept;
  }
}
