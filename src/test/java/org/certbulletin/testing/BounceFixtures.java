package org.certbulletin.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The messages of {@code src/test/resources/bounces/}, their placeholders ({@code ${RETURN_PATH}},
 * ...) filled in.
 */
public final class BounceFixtures {

  private BounceFixtures() {}

  /** Fixture {@code name} ({@code postfix-hard.eml}) with {@code values} put in. */
  public static byte[] fill(String name, Map<String, String> values) {
    String text = text(name);
    for (Map.Entry<String, String> value : values.entrySet()) {
      text = text.replace("${" + value.getKey() + "}", value.getValue());
    }
    if (text.contains("${")) {
      throw new IllegalArgumentException(name + " has a placeholder left: " + text);
    }
    return text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
  }

  private static String text(String name) {
    try (InputStream in = BounceFixtures.class.getResourceAsStream("/bounces/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture bounces/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
