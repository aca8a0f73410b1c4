package org.certbulletin.docs;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes every generated page of {@code docs/} and then the docs site in {@code target/site/}:
 * {@code mvn -B -q test-compile exec:java@docs}. The argument is the repository root (default: the
 * working directory).
 */
public final class RefreshDocs {

  private RefreshDocs() {}

  public static void main(String[] args) throws IOException {
    Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
    for (String change : GeneratedPages.refresh(root)) {
      System.out.println(change);
    }
    DocsSite.main(new String[] {root.toString()});
  }
}
