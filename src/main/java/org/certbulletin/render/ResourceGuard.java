package org.certbulletin.render;

import com.openhtmltopdf.outputdevice.helper.ExternalResourceType;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BiPredicate;
import org.certbulletin.model.InvalidDataException;
import org.certbulletin.model.Printable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets the renderer load a resource only if it is a file inside the templates directory: no
 * network, no {@code file:} elsewhere, no way out through {@code ..} or symbolic links.
 */
final class ResourceGuard implements BiPredicate<String, ExternalResourceType> {

  private static final Logger log = LoggerFactory.getLogger(ResourceGuard.class);

  private final Path root;

  ResourceGuard(Path templatesDir) {
    try {
      this.root = templatesDir.toRealPath();
    } catch (IOException e) {
      throw InvalidDataException.of(
          templatesDir.toString(),
          "templates folder not found; run from the project" + " folder or pass --templates DIR");
    }
  }

  @Override
  public boolean test(String uri, ExternalResourceType type) {
    boolean allowed = allows(uri);
    if (!allowed) {
      log.warn("blocked {} resource outside the templates directory: {}", type, abbreviate(uri));
    }
    return allowed;
  }

  /** True if {@code uri} names an existing file inside the templates directory. */
  boolean allows(String uri) {
    if (uri == null) {
      return false;
    }
    try {
      URI parsed = URI.create(uri);
      if (!"file".equalsIgnoreCase(parsed.getScheme())) {
        return false;
      }
      Path file = Path.of(parsed);
      return Files.isRegularFile(file) && file.toRealPath().startsWith(root);
    } catch (IllegalArgumentException | IOException | SecurityException e) {
      return false;
    }
  }

  /**
   * Reads a file of the templates directory named by a relative path, refusing anything outside it.
   */
  byte[] read(String relativePath) {
    Path file = root.resolve(relativePath).normalize();
    if (!allows(file.toUri().toString())) {
      throw InvalidDataException.of(
          file.toString(),
          "is not a file inside the templates folder (missing, or a link out of it); issuer.logo in"
              + " config.json must name a file in "
              + root);
    }
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new RenderException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * A {@code data:} URI of an SVG or PNG file of the templates directory, for self-contained pages.
   */
  String dataUri(String relativePath) {
    byte[] bytes = read(relativePath);
    String type = relativePath.endsWith(".svg") ? "image/svg+xml" : "image/png";
    return "data:" + type + ";base64," + java.util.Base64.getEncoder().encodeToString(bytes);
  }

  Path root() {
    return root;
  }

  private static String abbreviate(String uri) {
    return Printable.of(String.valueOf(uri), 120);
  }
}
