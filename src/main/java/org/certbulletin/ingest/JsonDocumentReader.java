package org.certbulletin.ingest;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.certbulletin.model.InvalidDataException;
import org.certbulletin.model.Location;
import org.certbulletin.model.Printable;
import org.certbulletin.model.Problem;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a JSON file with bounds on its size and nesting, rejecting duplicate keys, and records
 * where each value stands so that later checks can report line and column.
 */
public final class JsonDocumentReader {

  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
  private static final BigDecimal DOUBLE_MAX = BigDecimal.valueOf(Double.MAX_VALUE);

  static final long MAX_BYTES = 16L * 1024 * 1024;
  static final int MAX_DEPTH = 32;

  /**
   * Decimal places a number may have: {@code 1e-99999999} fits a double, but rounding it takes a
   * power of ten with a hundred million digits.
   */
  static final int MAX_SCALE = 100;

  private static final int MAX_STRING = 1024 * 1024;
  private static final int MAX_NUMBER_DIGITS = 40;

  private final JsonMapper mapper;
  private final long maxBytes;
  private final int maxDepth;

  JsonDocumentReader() {
    this(MAX_BYTES, MAX_DEPTH);
  }

  /**
   * A reader of documents up to {@code maxBytes} long and {@code maxDepth} levels deep, for files
   * from outside the data folder (imported advisories, catalogues) whose published size is larger.
   */
  public JsonDocumentReader(long maxBytes, int maxDepth) {
    this.maxBytes = maxBytes;
    this.maxDepth = maxDepth;
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(maxDepth)
                    .maxStringLength(MAX_STRING)
                    .maxNumberLength(MAX_NUMBER_DIGITS)
                    .maxDocumentLength(maxBytes)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    this.mapper =
        JsonMapper.builder(factory)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
  }

  /**
   * Reads {@code file}, naming it {@code name} in problems.
   *
   * @throws InvalidDataException if the file is missing, too large or not well-formed JSON
   */
  public SourceDocument read(Path file, String name) {
    byte[] bytes = readBounded(file, name, maxBytes);
    return parse(bytes, name);
  }

  /**
   * Parses {@code bytes}, naming them {@code name} in problems.
   *
   * @throws InvalidDataException if they are too large or not well-formed JSON
   */
  public SourceDocument parse(byte[] bytes, String name) {
    Map<String, Location> locations = new HashMap<>();
    try (JsonParser parser = mapper.createParser(bytes)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        String pointer = parser.streamReadContext().pathAsPointer().toString();
        Location at = locationOf(parser.currentTokenLocation());
        if (token == JsonToken.PROPERTY_NAME) {
          locations.put(pointer, at);
        } else {
          locations.putIfAbsent(pointer, at);
        }
      }
      JsonNode root = mapper.readTree(bytes);
      if (!root.isObject()) {
        throw InvalidDataException.of(
            new Problem(
                name, Location.START, "", "expected a JSON object ({ ... }) at the top level"));
      }
      SourceDocument document = new SourceDocument(name, bytes, root, locations);
      List<Problem> outOfRange = new ArrayList<>();
      checkNumbers(document, root, "", outOfRange);
      if (!outOfRange.isEmpty()) {
        throw new InvalidDataException(outOfRange);
      }
      return document;
    } catch (StreamConstraintsException e) {
      throw InvalidDataException.of(
          new Problem(
              name,
              locationOf(e.getLocation()),
              "",
              exceeded(String.valueOf(e.getOriginalMessage()))));
    } catch (JacksonException e) {
      throw InvalidDataException.of(
          new Problem(
              name,
              locationOf(e.getLocation()),
              "",
              "not valid JSON: " + firstLine(e.getOriginalMessage())));
    }
  }

  /** Which limit a document broke, in words (Jackson's own message names its classes). */
  private String exceeded(String jacksonMessage) {
    String message = jacksonMessage.toLowerCase(Locale.ROOT);
    if (message.contains("nesting depth")) {
      return String.format(
          Locale.ROOT, "the document is nested more than %d levels deep; flatten it", maxDepth);
    }
    if (message.contains("string value length")) {
      return String.format(
          Locale.ROOT, "a text is longer than %,d characters; shorten it", MAX_STRING);
    }
    if (message.contains("number value length")) {
      return String.format(
          Locale.ROOT, "a number has more than %d digits; write it shorter", MAX_NUMBER_DIGITS);
    }
    return String.format(Locale.ROOT, "the document is larger than %,d bytes; split it", maxBytes);
  }

  /**
   * Every number must fit a 64-bit integer or a double without becoming infinite: {@code 1e400} is
   * reported here, with its place, before any check or mapping tries to convert it.
   */
  private static void checkNumbers(
      SourceDocument document, JsonNode node, String pointer, List<Problem> problems) {
    if (node.isNumber()) {
      BigDecimal value = node.decimalValue();
      boolean fits =
          node.isIntegralNumber()
              ? value.abs().compareTo(LONG_MAX) <= 0
              : value.abs().compareTo(DOUBLE_MAX) <= 0;
      if (fits && Math.abs(value.scale()) > MAX_SCALE) {
        problems.add(
            document.problem(
                pointer,
                Printable.of(node.toString(), 40)
                    + " has more decimal places than any figure or score; write it as the source"
                    + " gives it, e.g. 7.8 or 0.00043"));
        return;
      }
      if (!fits) {
        problems.add(
            document.problem(
                pointer,
                Printable.of(node.toString(), 40)
                    + " is too large to be a figure, a score or a count; write the number in full,"
                    + " as it should appear"));
      }
      return;
    }
    if (node.isObject()) {
      node.properties()
          .forEach(
              member ->
                  checkNumbers(
                      document,
                      member.getValue(),
                      pointer + "/" + member.getKey().replace("~", "~0").replace("/", "~1"),
                      problems));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        checkNumbers(document, node.get(i), pointer + "/" + i, problems);
      }
    }
  }

  private static byte[] readBounded(Path file, String name, long maxBytes) {
    try {
      long size = Files.size(file);
      if (size > maxBytes) {
        throw InvalidDataException.of(
            new Problem(
                name,
                Location.START,
                "",
                "file is " + size + " bytes, more than the limit of " + maxBytes + "; split it"));
      }
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw InvalidDataException.of(new Problem(name, Location.START, "", "file not found"));
    } catch (IOException e) {
      throw InvalidDataException.of(
          new Problem(name, Location.START, "", "cannot read the file: " + e));
    }
  }

  private static Location locationOf(TokenStreamLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return Location.START;
    }
    return new Location(location.getLineNr(), Math.max(1, location.getColumnNr()));
  }

  private static String firstLine(String message) {
    String text = message == null ? "unreadable input" : message;
    int newline = text.indexOf('\n');
    text = newline < 0 ? text : text.substring(0, newline);
    // a truncated object's message names the parser's settings where the object opened; the
    // problem's line and column say where, in our words
    int source = text.indexOf(" (start marker at [Source:");
    return source < 0 ? text : text.substring(0, source);
  }
}
