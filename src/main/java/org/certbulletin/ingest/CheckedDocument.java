package org.certbulletin.ingest;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.certbulletin.model.Problem;
import tools.jackson.databind.JsonNode;

/**
 * A parsed document with what its schema found wrong in it, so that the rules and the translation
 * and printing checks read only the values the schema accepted: one run reports the schema's
 * problems and every other problem of the parts it accepted, and a value the schema rejected is not
 * reported again as a rule's confusing consequence of it.
 *
 * @param rejected pointers of the values the schema rejected (a member it does not know, a value of
 *     the wrong type, form or size)
 * @param incomplete pointers of the objects that lack a required member; their other members are
 *     checked on their own
 */
record CheckedDocument(
    SourceDocument source,
    List<Problem> schemaProblems,
    Set<String> rejected,
    Set<String> incomplete) {

  CheckedDocument {
    schemaProblems = List.copyOf(schemaProblems);
    rejected = Set.copyOf(rejected);
    incomplete = Set.copyOf(incomplete);
  }

  /** A document the schema accepted whole. */
  static CheckedDocument accepted(SourceDocument source) {
    return new CheckedDocument(source, List.of(), Set.of(), Set.of());
  }

  JsonNode root() {
    return source.root();
  }

  /**
   * The value at {@code pointer} as the file has it, accepted or not ({@code MissingNode} when
   * absent): for walking members and elements, each then read with {@link #at}.
   */
  JsonNode raw(String pointer) {
    return pointer.isEmpty() ? source.root() : source.root().at(pointer);
  }

  /**
   * The value at {@code pointer} if it is there and the schema accepted it whole: nothing in it,
   * nor the value around it, was rejected, and no object in it lacks a required member.
   */
  Optional<JsonNode> at(String pointer) {
    JsonNode node = raw(pointer);
    return node.isMissingNode() || !accepted(pointer) ? Optional.empty() : Optional.of(node);
  }

  /** True if the value at {@code pointer}, present or not, is one the rules may read. */
  boolean accepted(String pointer) {
    for (String r : rejected) {
      if (within(r, pointer) || within(pointer, r)) {
        return false;
      }
    }
    for (String i : incomplete) {
      if (within(i, pointer)) {
        return false;
      }
    }
    return true;
  }

  /** True if the schema rejected the value at {@code pointer} itself or a value around it. */
  boolean rejectedAround(String pointer) {
    for (String r : rejected) {
      if (within(pointer, r)) {
        return true;
      }
    }
    return false;
  }

  /** A problem at {@code pointer}, placed at that value or the nearest enclosing one. */
  Problem problem(String pointer, String message) {
    return source.problem(pointer, message);
  }

  /** True if {@code inner} is {@code outer} or a value inside it. */
  private static boolean within(String inner, String outer) {
    return inner.equals(outer) || inner.startsWith(outer + "/");
  }
}
