package org.certbulletin.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.certbulletin.files.JsonMapping;
import org.certbulletin.model.Role;
import org.certbulletin.model.Tlp;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.SampleWorkspaceExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A fuzzer driven by {@code /api/openapi.json}, in the manner of schemathesis: for every operation
 * the document names, requests made from its parameters and body schemas, valid and not (path
 * tricks, wrong types, unknown fields, deep nesting, long and strange text, broken JSON, the wrong
 * media type, no or a bad token), against the real server. Every answer must be one the document
 * lists for that operation, never a 500, every refusal a problem document, no body a leak; and the
 * server still answers at the end. The seed and the number of requests per operation can be set
 * ({@code -Dfuzz.seed=N -Dfuzz.requests=N}) for a longer run; a failure names the seed and the
 * request.
 */
@ExtendWith(SampleWorkspaceExtension.class)
class ApiFuzzTest {

  private static final long SEED = Long.getLong("fuzz.seed", 20261207L);
  private static final int PER_OPERATION = Integer.getInteger("fuzz.requests", 30);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Pattern PARAMETER = Pattern.compile("\\{([a-zA-Z]+)}");

  /** Path segments a caller may try: real ones and tricks. */
  private static final List<String> SEGMENTS =
      List.of(
          "2024-W51",
          "2024-W50",
          "2024-W53",
          "2024-W99",
          "1900-W01",
          "en",
          "zh-CN",
          "pdf",
          "html",
          "json",
          "public",
          "..",
          "%2e%2e",
          "..%2f..%2fconfig.json",
          "%00",
          "2024-W51%00.json",
          "2024-W51;x",
          "x".repeat(300),
          "%E4%BA%8C%E3%80%87",
          "%D8%B9%D8%B1%D8%A8%D9%8A",
          "%F0%9F%92%A5",
          "%ff%fe",
          "-1",
          "0",
          "NaN",
          "con");

  /** Query and header values a caller may try. */
  private static final List<String> VALUES =
      List.of(
          "",
          "true",
          "false",
          "1",
          "0",
          "-1",
          "99999999999999999999",
          "1e309",
          "null",
          "CLEAR",
          "clear",
          "amber",
          "red",
          "green",
          "amber+strict",
          "public",
          "sector-partners",
          "csaf",
          "kev",
          "cve",
          "epss",
          "2024-W51",
          "2026-01-01T00:00:00Z",
          "yesterday",
          "bytes=0-99",
          "bytes=-5",
          "bytes=99999999-",
          "bytes=5-1",
          "bytes=0-1,2-3,4-5",
          "\"*\"",
          "*",
          "W/\"x\"",
          "https://127.0.0.1:9/advisory.json",
          "http://127.0.0.1:9/",
          "file:///etc/passwd",
          "ftp://127.0.0.1:9/x",
          "二〇二四年",
          "عربي",
          "a\u202Eb",
          "x".repeat(5000));

  private ServedApi api;
  private String admin;
  private Random random;
  private JsonNode week;

  @BeforeEach
  void start(SampleWorkspace sample) throws IOException {
    // nothing leaves this machine: mail goes to a port of 127.0.0.1 where nothing listens
    sample.useLocalSmtp(9);
    api = new ServedApi(sample);
    api.user("root", Tlp.RED, Role.ANALYST, Role.REVIEWER, Role.OPERATOR, Role.ADMIN);
    admin = api.token("fuzz", "root", Optional.empty());
    random = new Random(SEED);
    week = JsonMapping.mapper().readTree(sample.weekFile("2024-W51").toFile());
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void everyOperationAnswersWhatItsDocumentSaysWhateverItIsSent() throws Exception {
    OpenAPI document = document();
    Map<String, Integer> statuses = new TreeMap<>();
    List<String> wrong = new ArrayList<>();
    int sent = 0;
    for (Map.Entry<String, io.swagger.v3.oas.models.PathItem> path :
        new TreeMap<>(document.getPaths()).entrySet()) {
      for (Map.Entry<
              io.swagger.v3.oas.models.PathItem.HttpMethod, io.swagger.v3.oas.models.Operation>
          entry : path.getValue().readOperationsMap().entrySet()) {
        io.swagger.v3.oas.models.Operation operation = entry.getValue();
        Set<String> documented = new TreeSet<>(operation.getResponses().keySet());
        for (int i = 0; i < PER_OPERATION; i++) {
          Fuzzed request =
              request(path.getKey(), entry.getKey().name(), path.getValue(), operation, i);
          HttpResponse<String> response;
          try {
            response = send(request);
          } catch (IOException e) {
            wrong.add("no answer (" + e.getMessage() + "): seed " + SEED + ", " + request);
            continue;
          }
          sent++;
          int status = response.statusCode();
          boolean edition =
              status < 400
                  && !response.headers().firstValue("Content-Type").orElse("").contains("json");
          String leak = edition ? "" : leak(status, response.body());
          statuses.merge(operation.getOperationId() + " " + status, 1, Integer::sum);
          String what =
              "seed "
                  + SEED
                  + ", "
                  + operation.getOperationId()
                  + ": "
                  + request
                  + " -> "
                  + status
                  + " "
                  + abbreviated(response.body());
          if (!leak.isEmpty()) {
            wrong.add("a body that says too much (" + leak + "): " + what);
          } else if (status >= 500 && status != 503) {
            wrong.add("a server error: " + what);
          } else if (!documented.contains(Integer.toString(status))
              && !documented.contains("default")) {
            wrong.add("an answer the document does not list (" + documented + "): " + what);
          } else if (status >= 400
              && !response
                  .headers()
                  .firstValue("Content-Type")
                  .orElse("")
                  .startsWith("application/problem+json")) {
            wrong.add("a refusal that is not a problem document: " + what);
          }
        }
      }
    }

    assertThat(wrong).as("of " + sent + " requests; answers: " + statuses).isEmpty();
    api.assertStillAnswers(admin);
    // control: the fuzzer reached past the door, not only refusals
    assertThat(statuses.keySet())
        .contains(
            "putWeek 200", "putWeek 400", "getEdition 200", "buildWeek 200", "createToken 201");
  }

  /** A request to send, as the failure message shows it. */
  private record Fuzzed(
      String method,
      String path,
      Map<String, String> headers,
      Optional<String> contentType,
      Optional<byte[]> body) {
    @Override
    public String toString() {
      return method
          + " "
          + abbreviated(path)
          + " "
          + headers.keySet()
          + contentType.map(t -> " " + t).orElse("")
          + body.map(b -> " " + abbreviated(new String(b, StandardCharsets.UTF_8))).orElse("");
    }
  }

  private Fuzzed request(
      String template,
      String method,
      io.swagger.v3.oas.models.PathItem item,
      io.swagger.v3.oas.models.Operation operation,
      int round) {
    // every fifth request of an operation is as valid as the fuzzer can make it
    boolean valid = round % 5 == 0;
    Map<String, String> query = new TreeMap<>();
    Map<String, String> headers = new TreeMap<>();
    String path = template;
    boolean ifMatch = false;
    for (Parameter parameter : parameters(item, operation)) {
      String name = parameter.getName();
      switch (parameter.getIn()) {
        case "path" -> path = path.replace("{" + name + "}", segment(name, valid));
        case "query" -> {
          if (valid ? Boolean.TRUE.equals(parameter.getRequired()) : random.nextBoolean()) {
            query.put(name, value(name, parameter.getSchema(), valid));
          }
        }
        case "header" -> {
          if (valid && name.equals("If-Match")) {
            ifMatch = true;
          } else if (!valid && random.nextInt(3) == 0) {
            // the JDK's client sends only printable ASCII in headers; the raw tests send the rest
            headers.put(
                name,
                pick(
                    VALUES.stream()
                        .filter(v -> v.chars().allMatch(c -> c >= 0x20 && c < 0x7f))
                        .toList()));
          }
        }
        default -> {}
      }
    }
    if (PARAMETER.matcher(path).find()) {
      throw new IllegalStateException("a path parameter the document does not declare: " + path);
    }
    if (ifMatch) {
      currentTag(path).ifPresent(tag -> headers.put("If-Match", tag));
    }
    if (!query.isEmpty()) {
      StringBuilder q = new StringBuilder("?");
      query.forEach(
          (k, v) ->
              q.append(q.length() > 1 ? "&" : "")
                  .append(k)
                  .append('=')
                  .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
      path += q;
    }
    int auth = valid ? 0 : random.nextInt(8);
    if (auth == 0 || auth > 2) {
      headers.put("Authorization", "Bearer " + admin);
    } else if (auth == 1) {
      headers.put("Authorization", pick(List.of("Bearer ", "Bearer cbt_x", "Basic cm9vdDpy", "x")));
    }
    Optional<String> type = Optional.empty();
    Optional<byte[]> body = Optional.empty();
    if (operation.getRequestBody() != null) {
      List<String> types = new ArrayList<>(operation.getRequestBody().getContent().keySet());
      String declared = types.get(random.nextInt(types.size()));
      type =
          Optional.of(
              valid || random.nextInt(6) > 0
                  ? declared
                  : pick(
                      List.of(
                          "text/plain", "application/xml", "application/json; charset=latin1")));
      Schema<?> schema = operation.getRequestBody().getContent().get(declared).getSchema();
      body = Optional.of(body(operation.getOperationId(), declared, schema, valid));
    }
    return new Fuzzed(method, path, headers, type, body);
  }

  private static List<Parameter> parameters(
      io.swagger.v3.oas.models.PathItem item, io.swagger.v3.oas.models.Operation operation) {
    List<Parameter> all = new ArrayList<>();
    if (item.getParameters() != null) {
      all.addAll(item.getParameters());
    }
    if (operation.getParameters() != null) {
      all.addAll(operation.getParameters());
    }
    return all;
  }

  private String segment(String name, boolean valid) {
    if (valid) {
      return switch (name) {
        case "week" -> pick(List.of("2024-W51", "2024-W50"));
        case "language" -> "en";
        case "format" -> pick(List.of("pdf", "html", "json"));
        case "name" -> "fuzz-" + random.nextInt(1000);
        case "id" -> "1";
        default -> "x";
      };
    }
    return pick(SEGMENTS);
  }

  private String value(String name, Schema<?> schema, boolean valid) {
    if (valid && schema != null && schema.getEnum() != null && !schema.getEnum().isEmpty()) {
      return String.valueOf(schema.getEnum().get(random.nextInt(schema.getEnum().size())));
    }
    if (valid) {
      return switch (name) {
        case "list" -> "public";
        case "dryRun" -> "true";
        case "kind" -> "kev";
        case "url" -> "https://127.0.0.1:9/kev.json";
        default -> type(schema).equals("integer") ? "10" : "true";
      };
    }
    return pick(VALUES);
  }

  private byte[] body(String operationId, String mediaType, Schema<?> schema, boolean valid) {
    if (!mediaType.startsWith("application/json")) {
      return pick(List.of(
              "",
              "cve,date\nCVE-2024-0001,2024-12-01\n",
              "model,phishing_pages\n1,2\n",
              "\u0000\u0001PK\u0003\u0004",
              "x".repeat(random.nextInt(100_000))))
          .getBytes(StandardCharsets.UTF_8);
    }
    JsonNode tree = operationId.equals("putWeek") ? week.deepCopy() : generate(schema, 0);
    if (!valid) {
      int mutations = 1 + random.nextInt(4);
      for (int i = 0; i < mutations; i++) {
        tree = mutate(tree);
      }
      switch (random.nextInt(12)) {
        case 0 -> {
          return new byte[0];
        }
        case 1 -> {
          String text = JsonMapping.mapper().writeValueAsString(tree);
          return text.substring(0, random.nextInt(text.length() + 1))
              .getBytes(StandardCharsets.UTF_8);
        }
        case 2 -> {
          return ("[".repeat(10_000) + "]".repeat(10_000)).getBytes(StandardCharsets.UTF_8);
        }
        case 3 -> {
          return new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'};
        }
        case 4 -> {
          return "{\"a\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8);
        }
        default -> {}
      }
    }
    return JsonMapping.mapper().writeValueAsBytes(tree);
  }

  /** A value of {@code schema}: its properties, each required one and some others. */
  private JsonNode generate(Schema<?> schema, int depth) {
    if (schema == null || depth > 6) {
      return NODES.stringNode("x");
    }
    if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
      Object value = schema.getEnum().get(random.nextInt(schema.getEnum().size()));
      return value instanceof Number n
          ? NODES.numberNode(n.longValue())
          : NODES.stringNode(String.valueOf(value));
    }
    switch (type(schema)) {
      case "object" -> {
        ObjectNode object = NODES.objectNode();
        if (schema.getProperties() != null) {
          List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
          schema
              .getProperties()
              .forEach(
                  (name, property) -> {
                    if (required.contains(name) || random.nextBoolean()) {
                      object.set(name, known(name).orElseGet(() -> generate(property, depth + 1)));
                    }
                  });
        }
        return object;
      }
      case "array" -> {
        ArrayNode array = NODES.arrayNode();
        for (int i = random.nextInt(3); i > 0; i--) {
          array.add(generate(schema.getItems(), depth + 1));
        }
        return array;
      }
      case "integer", "number" -> {
        return NODES.numberNode(random.nextInt(100));
      }
      case "boolean" -> {
        return NODES.booleanNode(random.nextBoolean());
      }
      default -> {
        return NODES.stringNode(
            schema.getMinLength() != null && schema.getMinLength() > 8
                ? "a fuzzer's long enough text " + random.nextInt(1000)
                : "fuzz-" + random.nextInt(1000));
      }
    }
  }

  /** A value the server knows for members whose schema says only "a string". */
  private static Optional<JsonNode> known(String member) {
    return Optional.ofNullable(
            switch (member) {
              case "user" -> "root";
              case "expires" -> "P30D";
              case "clearance" -> "AMBER";
              default -> null;
            })
        .map(NODES::stringNode);
  }

  /** The ETag of what {@code path} names now, for a request as valid as can be. */
  private Optional<String> currentTag(String path) {
    try {
      HttpResponse<String> current =
          api.client.send(
              api.request(path).header("Authorization", "Bearer " + admin).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      return current.headers().firstValue("ETag");
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private static String type(Schema<?> schema) {
    if (schema == null) {
      return "string";
    }
    if (schema.getType() != null) {
      return schema.getType();
    }
    Set<String> types = schema.getTypes();
    if (types != null) {
      return types.stream().filter(t -> !t.equals("null")).findFirst().orElse("string");
    }
    return schema.getProperties() != null ? "object" : "string";
  }

  /** {@code tree} with one node somewhere in it changed, dropped, or added. */
  private JsonNode mutate(JsonNode tree) {
    if (!tree.isContainer() || tree.isEmpty() || random.nextInt(10) == 0) {
      return strange();
    }
    List<String> names = new ArrayList<>();
    tree.propertyNames().forEach(names::add);
    if (tree.isObject()) {
      ObjectNode object = (ObjectNode) tree;
      String name = names.get(random.nextInt(names.size()));
      switch (random.nextInt(4)) {
        case 0 -> object.remove(name);
        case 1 -> object.set("unknown_" + random.nextInt(100), strange());
        default -> object.set(name, mutate(object.get(name)));
      }
    } else {
      ArrayNode array = (ArrayNode) tree;
      int index = random.nextInt(array.size());
      array.set(index, mutate(array.get(index)));
    }
    return tree;
  }

  private JsonNode strange() {
    return switch (random.nextInt(10)) {
      case 0 -> NODES.nullNode();
      case 1 -> NODES.numberNode(Long.MIN_VALUE);
      case 2 -> NODES.numberNode(new java.math.BigDecimal("1e400"));
      case 3 -> NODES.numberNode(-1.5);
      case 4 -> NODES.booleanNode(true);
      case 5 -> NODES.stringNode(pick(VALUES));
      case 6 -> NODES.stringNode("\uD800 unpaired, \u0000 nul, \u202E right to left");
      case 7 -> {
        ArrayNode deep = NODES.arrayNode();
        ArrayNode inner = deep;
        for (int i = 0; i < 400; i++) {
          ArrayNode next = NODES.arrayNode();
          inner.add(next);
          inner = next;
        }
        yield deep;
      }
      case 8 -> NODES.objectNode().put("x", "y".repeat(random.nextInt(300_000)));
      default -> NODES.arrayNode().add(1).add("two").add(NODES.objectNode());
    };
  }

  private <T> T pick(Collection<T> choices) {
    return new ArrayList<>(choices).get(random.nextInt(choices.size()));
  }

  private HttpResponse<String> send(Fuzzed request) throws IOException, InterruptedException {
    HttpRequest.Builder builder = builder(request.path()).timeout(Duration.ofMinutes(2));
    request.headers().forEach(builder::header);
    request.contentType().ifPresent(t -> builder.header("Content-Type", t));
    builder.method(
        request.method(),
        request
            .body()
            .map(HttpRequest.BodyPublishers::ofByteArray)
            .orElse(HttpRequest.BodyPublishers.noBody()));
    return api.client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder builder(String path) {
    try {
      return api.request(path);
    } catch (IllegalArgumentException e) {
      // a path the JDK's client will not send (the raw tests send those): sent escaped instead
      return api.request("/api/weeks/" + URLEncoder.encode(path, StandardCharsets.UTF_8));
    }
  }

  /** What {@link ServedApi#assertNoLeak} finds in {@code body}, or nothing. */
  private String leak(int status, String body) {
    try {
      api.assertNoLeak(status, body);
      return "";
    } catch (AssertionError e) {
      return abbreviated(e.getMessage());
    }
  }

  private static String abbreviated(String text) {
    String line = text.replace('\n', ' ');
    return line.length() > 300 ? line.substring(0, 300) + "..." : line;
  }

  private static OpenAPI document() throws IOException {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    options.setResolveFully(true);
    try (var in = ApiServer.class.getResourceAsStream("openapi.json")) {
      return new OpenAPIV3Parser()
          .readContents(new String(in.readAllBytes(), StandardCharsets.UTF_8), null, options)
          .getOpenAPI();
    }
  }
}
