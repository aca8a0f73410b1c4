package org.certbulletin.docs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * One JSON Schema as Markdown: a section per object (its members in a table: name, type, required,
 * allowed values, default, description) and per named value type, each {@code $ref} a link to the
 * section of what it names. Sections come in the order a reader meets them from the top level.
 */
final class SchemaDoc {

  private record Section(String heading, String name, JsonNode node) {}

  private final JsonNode schema;
  private final String title;
  private final String intro;
  private final Slugs slugs = new Slugs();
  private final Deque<Section> queue = new ArrayDeque<>();
  private final Map<String, String> anchors = new HashMap<>();

  SchemaDoc(JsonNode schema, String title, String intro) {
    this.schema = schema;
    this.title = title;
    this.intro = intro;
  }

  String markdown() {
    StringBuilder out = new StringBuilder();
    out.append("# ").append(title).append("\n\n").append(intro).append("\n");
    slugs.next(title);
    String top = "Top level";
    slugs.next(top);
    queue.add(new Section(top, "", schema));
    while (!queue.isEmpty()) {
      out.append('\n').append(section(queue.poll()));
    }
    return out.toString();
  }

  private String section(Section section) {
    JsonNode node = section.node();
    StringBuilder out = new StringBuilder("## ").append(section.heading()).append("\n\n");
    if (node.has("description")) {
      out.append(node.get("description").asString()).append("\n\n");
    }
    if (!node.has("properties")) {
      out.append("- Type: ").append(type(node, section.name())).append('\n');
      String allowed = allowed(node);
      if (!allowed.isEmpty()) {
        out.append("- Allowed: ").append(allowed).append('\n');
      }
      if (node.has("default")) {
        out.append("- Default: `").append(node.get("default")).append("`\n");
      }
      return out.toString();
    }
    Set<String> required = new HashSet<>();
    node.path("required").values().forEach(name -> required.add(name.asString()));
    out.append("| member | type | required | allowed | default | description |\n");
    out.append("| --- | --- | --- | --- | --- | --- |\n");
    String prefix = section.name().isEmpty() ? "" : section.name() + ".";
    for (var member : node.get("properties").properties()) {
      JsonNode value = member.getValue();
      out.append("| `")
          .append(member.getKey())
          .append("` | ")
          .append(cell(type(value, prefix + member.getKey())))
          .append(" | ")
          .append(required.contains(member.getKey()) ? "yes" : "")
          .append(" | ")
          .append(cell(allowed(value)))
          .append(" | ")
          .append(value.has("default") ? "`" + cell(value.get("default").toString()) + "`" : "")
          .append(" | ")
          .append(cell(value.path("description").asString("")))
          .append(" |\n");
    }
    out.append('\n');
    JsonNode others = node.path("additionalProperties");
    if (others.isBoolean() && !others.asBoolean()) {
      out.append("No other members.\n");
    } else if (others.isObject()) {
      String names =
          node.has("propertyNames") ? " (" + allowed(node.get("propertyNames")) + ")" : "";
      out.append("Other members: any name")
          .append(names)
          .append(", each a ")
          .append(type(others, prefix + "*"))
          .append('.');
      String count = range(node, "minProperties", "maxProperties", " members in all");
      out.append(
              count.isEmpty()
                  ? ""
                  : " " + Character.toUpperCase(count.charAt(0)) + count.substring(1) + ".")
          .append('\n');
    }
    String choice = choice(node);
    if (!choice.isEmpty()) {
      out.append('\n').append(choice).append('\n');
    }
    return out.toString();
  }

  /** An object's oneOf or anyOf of required members, said in words. */
  private static String choice(JsonNode node) {
    for (String keyword : List.of("oneOf", "anyOf")) {
      if (!node.has(keyword)) {
        continue;
      }
      List<String> alternatives = new ArrayList<>();
      for (JsonNode alternative : node.get(keyword).values()) {
        alternatives.add(
            alternative.path("required").values().stream()
                .map(name -> "`" + name.asString() + "`")
                .collect(Collectors.joining(" and ")));
      }
      return (keyword.equals("oneOf") ? "Give exactly one of: " : "Give at least one of: ")
          + String.join(", ", alternatives)
          + ".";
    }
    return "";
  }

  /** The type of a value in words, with links to the sections of the objects and types it names. */
  private String type(JsonNode node, String path) {
    if (node.has("$ref")) {
      return link(node.get("$ref").asString());
    }
    if (node.has("if") && node.has("then") && node.has("else")) {
      return type(node.get("then"), path) + ", or " + type(node.get("else"), path);
    }
    for (String keyword : List.of("oneOf", "anyOf")) {
      if (node.has(keyword) && !node.has("type") && !node.has("properties")) {
        List<String> types = new ArrayList<>();
        node.get(keyword).values().forEach(alternative -> types.add(type(alternative, path)));
        return String.join(" or ", types);
      }
    }
    String type = node.path("type").asString("");
    if (type.isEmpty()) {
      if (node.has("properties")) {
        type = "object";
      } else if (node.has("enum") && !node.get("enum").isEmpty()) {
        JsonNode first = node.get("enum").get(0);
        type = first.isString() ? "string" : first.isNumber() ? "number" : "value";
      } else if (node.has("items")) {
        type = "array";
      } else {
        return "any";
      }
    }
    return switch (type) {
      case "object" -> objectType(node, path);
      case "array" ->
          node.has("items") ? "array of " + type(node.get("items"), path + "[]") : "array";
      default -> type;
    };
  }

  private String objectType(JsonNode node, String path) {
    if (node.has("properties")) {
      return inline(path, node);
    }
    if (node.path("additionalProperties").isObject()) {
      String key = node.has("propertyNames") ? type(node.get("propertyNames"), path) : "name";
      return "map of "
          + ("any".equals(key) ? "name" : key)
          + " → "
          + type(node.get("additionalProperties"), path + ".*");
    }
    return "object";
  }

  /** What a value may be beyond its type: allowed values, patterns, bounds. */
  private String allowed(JsonNode node) {
    List<String> parts = new ArrayList<>();
    if (node.has("enum")) {
      parts.add(
          node.get("enum").isEmpty()
              ? "none"
              : "one of "
                  + node.get("enum").values().stream()
                      .map(value -> "`" + value.asString() + "`")
                      .collect(Collectors.joining(", ")));
    }
    if (node.has("const")) {
      parts.add("exactly `" + node.get("const") + "`");
    }
    if (node.has("pattern")) {
      String message = node.path("errorMessage").path("pattern").asString("");
      parts.add(
          "pattern `"
              + node.get("pattern").asString()
              + "`"
              + (message.isEmpty() ? "" : ": " + message));
    }
    parts.add(range(node, "minLength", "maxLength", " characters"));
    parts.add(bounds(node));
    if (node.has("multipleOf")) {
      parts.add("a multiple of " + node.get("multipleOf"));
    }
    parts.add(range(node, "minItems", "maxItems", " items"));
    if (node.path("uniqueItems").asBoolean(false)) {
      parts.add("no duplicates");
    }
    if (!node.has("properties")) {
      parts.add(range(node, "minProperties", "maxProperties", " members"));
    }
    JsonNode names = node.path("propertyNames");
    if (names.isObject() && !node.has("properties") && !names.has("$ref")) {
      parts.add("names: " + allowed(names));
    }
    JsonNode items = node.path("items");
    if (items.isObject() && !items.has("$ref")) {
      String each = allowed(items);
      parts.add(each.isEmpty() ? "" : "each: " + each);
    }
    JsonNode others = node.path("additionalProperties");
    if (others.isObject() && !others.has("$ref") && !node.has("properties")) {
      String each = allowed(others);
      parts.add(each.isEmpty() ? "" : "each: " + each);
    }
    if (node.has("if") && node.has("then") && node.has("else")) {
      for (String branch : List.of("then", "else")) {
        String allowed = allowed(node.get(branch));
        if (!allowed.isEmpty()) {
          parts.add("as " + article(node.get(branch)) + ": " + allowed);
        }
      }
    }
    if (node.has("$ref") && node.has("properties")) {
      for (var member : node.get("properties").properties()) {
        JsonNode allowedNames = member.getValue().path("propertyNames").path("enum");
        if (allowedNames.isArray()) {
          parts.add(
              "`"
                  + member.getKey()
                  + "` "
                  + (allowedNames.isEmpty()
                      ? "not allowed"
                      : "by "
                          + allowedNames.values().stream()
                              .map(name -> "`" + name.asString() + "`")
                              .collect(Collectors.joining(", "))));
        }
      }
    }
    return parts.stream().filter(part -> !part.isEmpty()).collect(Collectors.joining("; "));
  }

  private static String article(JsonNode node) {
    String type = node.path("type").asString("value");
    return (type.equals("object") || type.equals("array") ? "an " : "a ")
        + (type.equals("object") ? "object" : type);
  }

  private static String bounds(JsonNode node) {
    String low =
        node.has("minimum")
            ? "at least " + node.get("minimum")
            : node.has("exclusiveMinimum") ? "more than " + node.get("exclusiveMinimum") : "";
    String high =
        node.has("maximum")
            ? "at most " + node.get("maximum")
            : node.has("exclusiveMaximum") ? "less than " + node.get("exclusiveMaximum") : "";
    if (node.has("minimum") && node.has("maximum")) {
      return node.get("minimum") + " to " + node.get("maximum");
    }
    return low.isEmpty() ? high : high.isEmpty() ? low : low + ", " + high;
  }

  private static String range(JsonNode node, String min, String max, String unit) {
    if (node.has(min) && node.has(max)) {
      return node.get(min) + "–" + node.get(max) + unit;
    }
    if (node.has(min)) {
      return "at least " + node.get(min) + unit;
    }
    return node.has(max) ? "at most " + node.get(max) + unit : "";
  }

  /** A link to the section of an object written in place, under its path's name. */
  private String inline(String path, JsonNode node) {
    return sectionLink("inline:" + path, path, node);
  }

  /** A link to the section of the definition {@code ref} (like {@code #/$defs/line}) names. */
  private String link(String ref) {
    if (!ref.startsWith("#/")) {
      throw new IllegalStateException("only local $refs are documented, not " + ref);
    }
    JsonNode target = schema.at(ref.substring(1));
    if (target.isMissingNode()) {
      throw new IllegalStateException("$ref " + ref + " names nothing in the schema");
    }
    return sectionLink(ref, ref.substring(ref.lastIndexOf('/') + 1), target);
  }

  private String sectionLink(String key, String name, JsonNode node) {
    String anchor = anchors.get(key);
    if (anchor == null) {
      String heading = "`" + name + "`";
      anchor = slugs.next(heading);
      anchors.put(key, anchor);
      queue.add(new Section(heading, name, node));
    }
    return "[" + name + "](#" + anchor + ")";
  }

  /** Text for one table cell: no line breaks, pipes escaped. */
  private static String cell(String text) {
    return text.replace("\n", " ").replace("|", "\\|");
  }
}
