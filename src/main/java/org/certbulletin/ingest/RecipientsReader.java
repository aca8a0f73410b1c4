package org.certbulletin.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.certbulletin.model.DistributionList;
import org.certbulletin.model.EmailAddress;
import org.certbulletin.model.InvalidDataException;
import org.certbulletin.model.Location;
import org.certbulletin.model.Printable;
import org.certbulletin.model.Problem;

/**
 * Reads a list's recipients: inline in the configuration or from a file in the data folder (one
 * address per line, {@code #} comments). Every bad address is reported as {@code file:line:
 * address: reason}; duplicates are dropped, comparing domains without case.
 */
final class RecipientsReader {

  static final long MAX_BYTES = 16L * 1024 * 1024;

  private RecipientsReader() {}

  static List<String> read(
      DistributionList list, Path dataRoot, SourceDocument config, String pointer) {
    List<Problem> problems = new ArrayList<>();
    Map<String, String> addresses = new LinkedHashMap<>();
    if (list.recipientsFile().isPresent()) {
      readFile(list.recipientsFile().get(), dataRoot, addresses, problems);
    } else {
      for (int i = 0; i < list.recipients().size(); i++) {
        String address = list.recipients().get(i).strip();
        Optional<String> problem = EmailAddress.problem(address);
        if (problem.isPresent()) {
          problems.add(
              config.problem(
                  pointer + "/" + i, "'" + Printable.of(address, 80) + "': " + problem.get()));
        } else {
          addresses.putIfAbsent(EmailAddress.normalise(address), EmailAddress.normalise(address));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidDataException(problems);
    }
    return List.copyOf(addresses.values());
  }

  private static void readFile(
      String relative, Path dataRoot, Map<String, String> addresses, List<Problem> problems) {
    String name = dataRoot.resolve(relative).normalize().toString();
    String text;
    try {
      byte[] bytes = DataFolderFile.read(dataRoot, relative, MAX_BYTES, "recipients_file");
      text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (InvalidDataException e) {
      problems.addAll(e.problems());
      return;
    } catch (CharacterCodingException e) {
      problems.add(new Problem(name, Location.START, "", "is not UTF-8 text"));
      return;
    }
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int hash = line.indexOf('#');
      String address = (hash >= 0 ? line.substring(0, hash) : line).strip();
      if (!address.isEmpty()) {
        add(address, name, new Location(i + 1, 0), addresses, problems);
      }
    }
  }

  private static void add(
      String address,
      String file,
      Location location,
      Map<String, String> addresses,
      List<Problem> problems) {
    Optional<String> problem = EmailAddress.problem(address);
    if (problem.isPresent()) {
      problems.add(new Problem(file, location, Printable.of(address, 80), problem.get()));
      return;
    }
    String normalised = EmailAddress.normalise(address);
    addresses.putIfAbsent(normalised, normalised);
  }
}
