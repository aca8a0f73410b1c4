package org.certbulletin.ingest;

import com.networknt.schema.Error;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.certbulletin.model.Printable;
import tools.jackson.databind.JsonNode;

/** Turns a schema violation into a sentence that says what is wrong and what to do. */
final class SchemaMessages {

  private SchemaMessages() {}

  static String describe(Error error, JsonNode schemaRoot) {
    JsonNode value = error.getInstanceNode();
    if (error.isCustomMessage()) {
      return shown(value) + " " + error.getMessage();
    }
    Object[] args = error.getArguments() == null ? new Object[0] : error.getArguments();
    return switch (String.valueOf(error.getKeyword())) {
      case "required" -> "missing required field '" + error.getProperty() + "'; add it";
      case "additionalProperties" -> unknownField(error, schemaRoot);
      case "propertyNames" -> unknownKey(error, schemaRoot);
      case "enum" -> shown(value) + " is not allowed; use one of " + enumOf(error.getSchemaNode());
      case "type" ->
          "expected "
              + article(String.valueOf(args.length > 1 ? args[1] : "?"))
              + ", found "
              + article(String.valueOf(args.length > 0 ? args[0] : "?"));
      case "minimum" -> "must be at least " + arg(args) + ", found " + shown(value);
      case "maximum" -> "must be at most " + arg(args) + ", found " + shown(value);
      case "minLength" ->
          "1".equals(arg(args))
              ? "must not be empty"
              : "must be at least " + arg(args) + " characters long";
      case "maxLength" -> "is too long: at most " + arg(args) + " characters";
      case "minItems" -> "needs at least " + arg(args) + " item(s)";
      case "maxItems" -> "has too many items: at most " + arg(args);
      case "uniqueItems" -> "lists the same value more than once; remove the duplicate";
      case "multipleOf" ->
          "must be a multiple of " + arg(args) + " (one decimal, e.g. 9.8), found " + shown(value);
      case "pattern" -> shown(value) + " does not have the expected form (" + arg(args) + ")";
      default -> error.getMessage();
    };
  }

  private static String unknownField(Error error, JsonNode schemaRoot) {
    List<String> allowed = siblingNames(error, schemaRoot, "properties");
    String name = error.getProperty();
    String hint = closest(name, allowed).map(c -> "did you mean '" + c + "'? ").orElse("");
    return "unknown field '" + name + "'; " + hint + "allowed here: " + String.join(", ", allowed);
  }

  private static String unknownKey(Error error, JsonNode schemaRoot) {
    JsonNode names = error.getSchemaNode();
    String ref = names.path("$ref").asString("");
    if (ref.startsWith("#/")) {
      names = schemaRoot.at(ref.substring(1));
    }
    String name = error.getProperty();
    if (names.has("pattern")) {
      return "'"
          + Printable.of(name, 40)
          + "' "
          + names.path("errorMessage").path("pattern").asString("is not a valid key here");
    }
    List<String> allowed = new ArrayList<>();
    names.path("enum").forEach(n -> allowed.add(n.asString()));
    if (allowed.isEmpty()) {
      return "unknown key '" + name + "'; this figure takes no keys here, remove it";
    }
    String hint = closest(name, allowed).map(c -> "did you mean '" + c + "'? ").orElse("");
    return "unknown key '" + name + "'; " + hint + "allowed here: " + String.join(", ", allowed);
  }

  /** Member names declared next to the failing keyword, e.g. the properties of the same object. */
  private static List<String> siblingNames(Error error, JsonNode schemaRoot, String keyword) {
    String fragment = String.valueOf(error.getSchemaLocation().getFragment());
    int cut = fragment.lastIndexOf('/');
    String parent = cut <= 0 ? "" : fragment.substring(0, cut);
    JsonNode schema = parent.isEmpty() ? schemaRoot : schemaRoot.at(parent);
    List<String> names = new ArrayList<>();
    schema.path(keyword).propertyNames().forEach(names::add);
    names.remove("$schema");
    return names;
  }

  /** The candidate {@code name} is most likely a misspelling of, if any is close. */
  static java.util.Optional<String> closest(String name, List<String> candidates) {
    return candidates.stream()
        .filter(c -> distance(name, c) <= Math.max(2, c.length() / 4))
        .min(Comparator.comparingInt(c -> distance(name, c)));
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  private static String enumOf(JsonNode schemaNode) {
    List<String> values = new ArrayList<>();
    schemaNode.forEach(n -> values.add(n.isString() ? n.asString() : n.toString()));
    return values.stream().collect(Collectors.joining(", "));
  }

  private static String shown(JsonNode value) {
    if (value == null || value.isMissingNode()) {
      return "the value";
    }
    return value.isString()
        ? "'" + Printable.of(value.asString(), 58) + "'"
        : Printable.of(value.toString(), 60);
  }

  private static String article(String type) {
    return switch (type) {
      case "integer", "object", "array" -> "an " + type;
      case "null" -> "null";
      default -> "a " + type;
    };
  }

  private static String arg(Object[] args) {
    return args.length == 0 ? "?" : String.valueOf(args[0]);
  }
}
