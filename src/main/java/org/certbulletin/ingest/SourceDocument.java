package org.certbulletin.ingest;

import java.util.Map;
import org.certbulletin.model.Location;
import org.certbulletin.model.Problem;
import tools.jackson.databind.JsonNode;

/**
 * A parsed JSON file together with where each value stands in it, so that problems found later can
 * name a line and column.
 *
 * @param name the file as the user knows it, e.g. {@code data/weeks/2024-W51.json}
 * @param locations the location of each value, keyed by JSON pointer (members by their name)
 */
@SuppressWarnings(
    "ArrayRecordComponent") // carries bytes to write or embed; never compared or hashed
public record SourceDocument(
    String name, byte[] bytes, JsonNode root, Map<String, Location> locations) {

  public SourceDocument {
    locations = Map.copyOf(locations);
  }

  /** A problem at {@code pointer}, placed at that value or the nearest enclosing one. */
  public Problem problem(String pointer, String message) {
    return new Problem(name, locate(pointer), pointer, message);
  }

  Location locate(String pointer) {
    String p = pointer;
    while (true) {
      Location found = locations.get(p);
      if (found != null) {
        return found;
      }
      if (p.isEmpty()) {
        return Location.START;
      }
      p = p.substring(0, p.lastIndexOf('/'));
    }
  }
}
