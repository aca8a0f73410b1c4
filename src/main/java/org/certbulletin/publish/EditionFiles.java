package org.certbulletin.publish;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.certbulletin.model.Week;

/** One week's edition rendered in memory: the edition's data and its files by name. */
public record EditionFiles(Week edition, Map<String, byte[]> files) {

  public EditionFiles {
    files = Collections.unmodifiableMap(new TreeMap<>(files));
  }
}
