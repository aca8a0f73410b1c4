package org.certbulletin.model;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This build of cert-bulletin: its version and commit, both from the build, and the digest of the
 * code and libraries that shape rendered output ({@code renderDigest}), which changes whenever a
 * rebuild of an unchanged week could give different bytes.
 */
public record Release(String version, String commit, String renderDigest) {

  /** Written by Maven from the pom: {@code src/main/resources-filtered}. */
  static final String BUILD_PROPERTIES = "/META-INF/cert-bulletin/build.properties";

  /** Written by {@code src/main/sh/render-digest.sh} when Maven compiles the classes. */
  static final String RENDER_DIGEST = "/META-INF/cert-bulletin/render.sha256";

  static final String UNKNOWN = "unknown";

  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  public Release {
    requireText(version, "version");
    requireText(commit, "commit");
    requireText(renderDigest, "renderDigest");
  }

  /** The running build, read from the class path on first use. */
  public static Release current() {
    return Current.RELEASE;
  }

  /** How the command line names this build: {@code cert-bulletin 1.4.2 (1a2b3c4)}. */
  public String label() {
    return "cert-bulletin " + version + " (" + commit + ")";
  }

  private static final class Current {
    static final Release RELEASE = load();
  }

  static Release load() {
    Properties build = new Properties();
    Optional<byte[]> properties = resource(BUILD_PROPERTIES);
    if (properties.isPresent()) {
      try {
        build.load(new ByteArrayInputStream(properties.get()));
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot read " + BUILD_PROPERTIES + " from the class path", e);
      }
    }
    Optional<String> version = filled(build.getProperty("version"));
    if (version.isEmpty()) {
      log()
          .warn(
              "{} is missing or was not filled in by Maven; this build's version is unknown (build"
                  + " with mvn package)",
              BUILD_PROPERTIES);
    }
    String release = version.orElse(UNKNOWN);
    String commit = filled(build.getProperty("commit")).orElse(UNKNOWN);
    return new Release(release, commit, renderDigest(release));
  }

  private static String renderDigest(String version) {
    Optional<byte[]> file = resource(RENDER_DIGEST);
    if (file.isEmpty()) {
      log()
          .warn(
              "{} is missing (not built with Maven?); published weeks are checked against the"
                  + " version {} instead, so a changed renderer may leave them stale (build with"
                  + " mvn package)",
              RENDER_DIGEST,
              version);
      return version;
    }
    String digest = new String(file.get(), StandardCharsets.US_ASCII).strip();
    if (!SHA256.matcher(digest).matches()) {
      throw new IllegalStateException(
          RENDER_DIGEST
              + " holds '"
              + digest
              + "', not a SHA-256 digest in hex;"
              + " rebuild with mvn package");
    }
    return digest;
  }

  /** The value, unless it is absent, blank or a Maven expression left unfiltered. */
  private static Optional<String> filled(String value) {
    if (value == null || value.isBlank() || value.contains("${")) {
      return Optional.empty();
    }
    return Optional.of(value.strip());
  }

  private static Optional<byte[]> resource(String name) {
    try (InputStream in = Release.class.getResourceAsStream(name)) {
      return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name + " from the class path", e);
    }
  }

  /** The logger, asked for only to warn: {@code --version} reads the release and logs nothing. */
  private static Logger log() {
    return LoggerFactory.getLogger(Release.class);
  }

  private static void requireText(String value, String name) {
    Objects.requireNonNull(value, name + " == null");
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " is blank");
    }
  }
}
