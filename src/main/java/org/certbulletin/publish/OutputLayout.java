package org.certbulletin.publish;

import java.nio.file.Path;
import java.util.Objects;
import org.certbulletin.model.Tlp;
import org.certbulletin.model.WeekId;

/**
 * Where generated files go under the output folder. Only TLP:CLEAR editions go to {@code site/},
 * the public archive; stricter editions go to {@code restricted/<tlp>/}, never published.
 */
public record OutputLayout(Path root) {

  public OutputLayout {
    Objects.requireNonNull(root, "root == null");
  }

  public Path site() {
    return root.resolve("site");
  }

  /** State of the publisher and the scheduler: manifest, locks, database. */
  public Path state() {
    return root.resolve("state");
  }

  /** Messages written instead of sent (dry runs, no SMTP configured). */
  public Path outbox() {
    return root.resolve("outbox");
  }

  /** The folder of one week's edition: {@code site/2024/W51} or {@code restricted/amber/2024/W51}. */
  public Path weekFolder(WeekId week, Tlp edition) {
    Path base = edition == Tlp.CLEAR ? site() : root.resolve("restricted").resolve(edition.slug());
    return base.resolve(String.valueOf(week.year())).resolve(week.folder());
  }
}
