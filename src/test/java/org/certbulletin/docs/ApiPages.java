package org.certbulletin.docs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/** The HTTP API reference, {@code docs/reference/http-api.md}, from the OpenAPI document. */
final class ApiPages implements PageGenerator {

  static final String SOURCE = "src/main/resources/org/certbulletin/http/openapi.json";
  private static final Set<String> METHODS =
      Set.of("get", "put", "post", "delete", "patch", "head", "options");
  private static final String PARAMETERS =
      """
      | parameter | in | type | required | description |
      | --- | --- | --- | --- | --- |
      """;
  private static final Pattern ROLE = Pattern.compile("Needs [^.]*\\.|\\(admins\\)");

  private record Operation(String method, String path, JsonNode pathItem, JsonNode node) {
    String heading() {
      return "`" + method.toUpperCase(java.util.Locale.ROOT) + " " + path + "`";
    }
  }

  private final Path root;

  ApiPages(Path root) {
    this.root = root;
  }

  @Override
  public String folder() {
    return "docs/reference";
  }

  @Override
  public SortedMap<String, String> pages() {
    SortedMap<String, String> pages = new TreeMap<>();
    pages.put(
        "docs/reference/http-api.md",
        new Writer(GeneratedPages.readJson(root.resolve(SOURCE))).page());
    return pages;
  }

  /** Writes the page of one OpenAPI document. */
  private static final class Writer {
    private final JsonNode api;
    private final Map<String, List<Operation>> byTag = new LinkedHashMap<>();
    private final Map<String, String> schemaAnchors = new HashMap<>();
    private final Map<String, String> anchors = new HashMap<>();
    private final StringBuilder out = new StringBuilder();

    Writer(JsonNode api) {
      this.api = api;
      for (var path : api.path("paths").properties()) {
        for (var entry : path.getValue().properties()) {
          if (METHODS.contains(entry.getKey())) {
            String tag = entry.getValue().path("tags").path(0).asString("other");
            byTag
                .computeIfAbsent(tag, t -> new ArrayList<>())
                .add(
                    new Operation(
                        entry.getKey(), path.getKey(), path.getValue(), entry.getValue()));
          }
        }
      }
      Slugs slugs = new Slugs();
      slugs.next("HTTP API");
      slugs.next("Authentication");
      slugs.next("Operations");
      byTag.forEach(
          (tag, operations) -> {
            anchors.put("tag:" + tag, slugs.next(tag));
            operations.forEach(op -> anchors.put(op.heading(), slugs.next(op.heading())));
          });
      slugs.next("Schemas");
      for (String name : api.path("components").path("schemas").propertyNames()) {
        schemaAnchors.put(name, slugs.next("`" + name + "`"));
      }
    }

    String page() {
      JsonNode info = api.path("info");
      out.append(GeneratedPages.markdownHeader(SOURCE)).append("# HTTP API\n\n");
      out.append(info.path("summary").asString("")).append(" API version ");
      out.append(info.path("version").asString("")).append(", OpenAPI ");
      out.append(api.path("openapi").asString("")).append(".\n\n");
      out.append(info.path("description").asString("")).append("\n\n");
      out.append("The server serves this document at `GET /api/openapi.json`; its source is ");
      out.append("[`openapi.json`](../../").append(SOURCE).append(").\n\n");
      authentication();
      out.append(
          "## Operations\n\n| operation | method and path | summary |\n| --- | --- | --- |\n");
      byTag.values().stream()
          .flatMap(List::stream)
          .forEach(
              op ->
                  out.append("| [")
                      .append(op.node().path("operationId").asString(""))
                      .append("](#")
                      .append(anchors.get(op.heading()))
                      .append(") | ")
                      .append(op.heading())
                      .append(" | ")
                      .append(cell(op.node().path("summary").asString("")))
                      .append(" |\n"));
      byTag.forEach(
          (tag, operations) -> {
            out.append("\n## ").append(tag).append('\n');
            operations.forEach(this::operation);
          });
      out.append("\n## Schemas\n");
      for (var schema : api.path("components").path("schemas").properties()) {
        schema(schema.getKey(), schema.getValue());
      }
      return out.toString();
    }

    private void authentication() {
      out.append("## Authentication\n\n");
      for (var scheme : api.path("components").path("securitySchemes").properties()) {
        JsonNode node = scheme.getValue();
        String how =
            node.path("type").asString("").equals("http")
                ? "HTTP " + node.path("scheme").asString("") + " (`Authorization: Bearer …`)"
                : node.path("type").asString("")
                    + " in the "
                    + node.path("in").asString("")
                    + " `"
                    + node.path("name").asString("")
                    + "`";
        out.append("- `").append(scheme.getKey()).append("`: ").append(how).append(". ");
        out.append(node.path("description").asString("")).append('\n');
      }
      out.append("\nEvery operation needs one of ")
          .append(security(api.path("security")))
          .append(" unless it says otherwise below.\n\n");
    }

    private static String security(JsonNode requirements) {
      if (requirements.isEmpty()) {
        return "none: it is open to anyone";
      }
      return requirements.values().stream()
          .map(
              requirement ->
                  String.join(
                      " and ",
                      requirement.propertyNames().stream().map(n -> "`" + n + "`").toList()))
          .collect(Collectors.joining(" or "));
    }

    private void operation(Operation op) {
      JsonNode node = op.node();
      out.append("\n### ").append(op.heading()).append("\n\n");
      out.append(
              (node.path("summary").asString("") + " " + node.path("description").asString(""))
                  .strip())
          .append("\n\n");
      out.append("- Operation id: `").append(node.path("operationId").asString("")).append("`\n");
      if (node.has("security")) {
        out.append("- Authentication: ").append(security(node.get("security"))).append('\n');
      }
      Matcher role =
          ROLE.matcher(
              node.path("description").asString("") + " " + node.path("summary").asString(""));
      String roleSaid = role.find() ? role.group() : "";
      out.append("- Role: ")
          .append(
              node.has("security") && node.get("security").isEmpty()
                  ? "none"
                  : roleSaid.isEmpty()
                      ? "not named by the OpenAPI document"
                      : roleSaid.equals("(admins)") ? "admin" : roleSaid)
          .append('\n');
      List<JsonNode> parameters = new ArrayList<>();
      op.pathItem().path("parameters").values().forEach(parameters::add);
      node.path("parameters").values().forEach(parameters::add);
      if (!parameters.isEmpty()) {
        out.append('\n').append(PARAMETERS);
        for (JsonNode parameter : parameters) {
          JsonNode p = resolve(parameter);
          out.append("| `").append(p.path("name").asString("")).append("` | ");
          out.append(p.path("in").asString("")).append(" | ");
          out.append(cell(type(p.path("schema")))).append(" | ");
          out.append(p.path("required").asBoolean(false) ? "yes" : "").append(" | ");
          String example =
              p.has("example") ? " Example: `" + p.get("example").asString() + "`." : "";
          out.append(cell(p.path("description").asString("") + example)).append(" |\n");
        }
      }
      if (node.has("requestBody")) {
        JsonNode body = resolve(node.get("requestBody"));
        out.append("\nRequest body")
            .append(body.path("required").asBoolean(false) ? " (required)" : " (optional)")
            .append(": ")
            .append(content(body.path("content")))
            .append(body.has("description") ? ". " + body.get("description").asString("") : "")
            .append("\n");
      }
      out.append("\n| status | meaning | body |\n| --- | --- | --- |\n");
      Set<String> statuses = new TreeSet<>(node.path("responses").propertyNames());
      for (String status : statuses) {
        JsonNode response = resolve(node.get("responses").get(status));
        out.append("| ").append(status).append(" | ");
        out.append(cell(response.path("description").asString(""))).append(" | ");
        out.append(cell(content(response.path("content")))).append(" |\n");
      }
    }

    private String content(JsonNode content) {
      if (content.isMissingNode() || content.isEmpty()) {
        return "none";
      }
      return content.properties().stream()
          .map(media -> "`" + media.getKey() + "`: " + type(media.getValue().path("schema")))
          .collect(Collectors.joining("; "));
    }

    private void schema(String name, JsonNode node) {
      out.append("\n### `").append(name).append("`\n\n");
      if (node.has("description")) {
        out.append(node.get("description").asString()).append("\n\n");
      }
      if (!node.has("properties")) {
        out.append("Type: ").append(type(node)).append('\n');
        return;
      }
      Set<String> required = new TreeSet<>();
      node.path("required").values().forEach(r -> required.add(r.asString()));
      out.append("| member | type | required | description |\n| --- | --- | --- | --- |\n");
      for (var member : node.get("properties").properties()) {
        out.append("| `").append(member.getKey()).append("` | ");
        out.append(cell(type(member.getValue()))).append(" | ");
        out.append(required.contains(member.getKey()) ? "yes" : "").append(" | ");
        out.append(cell(member.getValue().path("description").asString(""))).append(" |\n");
      }
    }

    /** A schema's type in words, its {@code $ref}s links to the schemas' sections. */
    private String type(JsonNode schema) {
      if (schema.isMissingNode()) {
        return "any";
      }
      if (schema.has("$ref")) {
        String ref = schema.get("$ref").asString();
        String name = ref.substring(ref.lastIndexOf('/') + 1);
        String anchor = schemaAnchors.get(name);
        if (anchor == null || !ref.startsWith("#/components/schemas/")) {
          throw new IllegalStateException("$ref " + ref + " names no schema of " + SOURCE);
        }
        return "[" + name + "](#" + anchor + ")";
      }
      for (String keyword : List.of("oneOf", "anyOf")) {
        if (schema.has(keyword)) {
          return schema.get(keyword).values().stream()
              .map(this::type)
              .collect(Collectors.joining(" or "));
        }
      }
      JsonNode typeNode = schema.path("type");
      String type =
          typeNode.isArray()
              ? typeNode.values().stream()
                  .map(JsonNode::asString)
                  .collect(Collectors.joining(" or "))
              : typeNode.asString("any");
      if (schema.has("items")) {
        type = "array of " + type(schema.get("items"));
      }
      if (schema.has("format")) {
        type += " (" + schema.get("format").asString() + ")";
      }
      if (schema.has("enum")) {
        type +=
            ": "
                + schema.get("enum").values().stream()
                    .map(v -> "`" + v.asString() + "`")
                    .collect(Collectors.joining(", "));
      }
      if (schema.has("pattern")) {
        type += ", pattern `" + schema.get("pattern").asString() + "`";
      }
      if (schema.path("additionalProperties").isObject()) {
        type = "map of name → " + type(schema.get("additionalProperties"));
      }
      return type;
    }

    private JsonNode resolve(JsonNode node) {
      if (!node.has("$ref")) {
        return node;
      }
      JsonNode target = api.at(node.get("$ref").asString().substring(1));
      if (target.isMissingNode()) {
        throw new IllegalStateException(
            "$ref " + node.get("$ref").asString() + " names nothing in " + SOURCE);
      }
      return target;
    }
  }

  private static String cell(String text) {
    return text.replace("\n", " ").replace("|", "\\|");
  }
}
