package org.certbulletin.http;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.certbulletin.model.Location;
import org.certbulletin.model.Problem;
import org.certbulletin.service.ServiceFailure;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;

/**
 * Small JSON request bodies (a sign-in, a token request): bounded in size and depth, an object of
 * the members the operation names and no others, each member named once. What is wrong is a problem
 * with its line, column and pointer, said in our words: a parser's own message names its classes.
 */
final class Bodies {

  /** How problems name what they are found in. */
  static final String SOURCE = "request";

  private static final ObjectReader READER =
      Json.MAPPER.reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

  /** Jackson's words for a member named twice, which name it. */
  private static final Pattern DUPLICATE = Pattern.compile("Duplicate .*?\"(.*)\".*");

  private Bodies() {}

  /**
   * The body as a JSON object whose members are among {@code members} (415 if it is not JSON).
   *
   * @throws ServiceFailure.BadInput with a problem for each unknown member, or the place where the
   *     body stops being JSON this server reads
   */
  static JsonNode json(Context ctx, String... members) {
    String type = ctx.contentType();
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      throw new HttpRefusal(
          415,
          "unsupported-media-type",
          "Unsupported media type",
          "send the body as application/json");
    }
    JsonNode node;
    try {
      node = READER.readTree(ctx.bodyAsBytes());
    } catch (StreamConstraintsException e) {
      throw bad(
          e,
          "",
          "the body goes beyond what a request may hold: at most "
              + Json.MAX_DEPTH
              + " levels of nesting, strings of 65536 characters and numbers of 1000 digits");
    } catch (StreamReadException e) {
      Matcher twice = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
      if (twice.matches()) {
        throw bad(e, pointer(twice.group(1)), "this member is named twice; name it once");
      }
      throw bad(e, pointer(e), "the body stops being well-formed JSON here (RFC 8259)");
    } catch (JacksonException e) {
      throw bad(e, "", "the body is not well-formed JSON (RFC 8259)");
    }
    if (node == null || !node.isObject()) {
      throw new ServiceFailure.BadInput(
          "the body must be a JSON object",
          List.of(
              new Problem(SOURCE, Location.START, "", "the body must be a JSON object ({...})")));
    }
    Set<String> known = Set.of(members);
    List<Problem> unknown = new ArrayList<>();
    for (String name : node.propertyNames()) {
      if (!known.contains(name)) {
        unknown.add(
            new Problem(
                SOURCE,
                Location.START,
                pointer(name),
                "unknown member; the members are " + String.join(", ", new TreeSet<>(known))));
      }
    }
    if (!unknown.isEmpty()) {
      throw new ServiceFailure.BadInput(
          "the body has " + unknown.size() + " unknown member(s); leave them out", unknown);
    }
    return node;
  }

  /** A required text member. */
  static String text(JsonNode body, String member) {
    JsonNode value = body.get(member);
    if (value == null || !value.isString() || value.asString().isEmpty()) {
      throw wrong(member, "a non-empty string is required");
    }
    return value.asString();
  }

  /** A member of the body that is not what it must be. */
  static ServiceFailure.BadInput wrong(String member, String message) {
    return new ServiceFailure.BadInput(
        "/" + member + ": " + message,
        List.of(new Problem(SOURCE, Location.START, "/" + member, message)));
  }

  private static String pointer(String member) {
    return "/" + member.replace("~", "~0").replace("/", "~1");
  }

  /** Where the parser was when it stopped. */
  private static String pointer(StreamReadException e) {
    return e.processor() == null
        ? ""
        : e.processor().streamReadContext().pathAsPointer().toString();
  }

  private static ServiceFailure.BadInput bad(JacksonException e, String pointer, String message) {
    TokenStreamLocation at = e.getLocation();
    Location location =
        at == null || at.getLineNr() < 1
            ? Location.START
            : new Location(at.getLineNr(), Math.max(at.getColumnNr(), 0));
    return new ServiceFailure.BadInput(
        message, List.of(new Problem(SOURCE, location, pointer, message)));
  }
}
