package org.certbulletin.imports;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a source's CPE names say of the type of object an advisory affects, in the parts of the
 * {@code vulnerabilities_by_object} tally: part {@code a} an application, {@code o} an operating
 * system. Part {@code h} (hardware) could be a network device, a smart device or a security
 * appliance, so it says nothing, and names that disagree say nothing either: the analyst types it.
 */
final class CpeNames {

  /** {@code cpe:2.3:o:...} (formatted string) or {@code cpe:/o:...} (URI binding). */
  private static final Pattern PART =
      Pattern.compile("^cpe:(?:2\\.3:|/)([aoh])(?::|$)", Pattern.CASE_INSENSITIVE);

  private CpeNames() {}

  /** The object all of {@code cpes} name, if they name one and the same. */
  static Optional<String> affectedObject(Collection<String> cpes) {
    Set<String> objects = new TreeSet<>();
    for (String cpe : cpes) {
      Matcher part = PART.matcher(cpe.strip());
      if (!part.find()) {
        continue;
      }
      objects.add(
          switch (part.group(1).toLowerCase(Locale.ROOT)) {
            case "a" -> "application";
            case "o" -> "operating_system";
            default -> "";
          });
    }
    return objects.size() == 1 && !objects.contains("")
        ? Optional.of(objects.iterator().next())
        : Optional.empty();
  }
}
