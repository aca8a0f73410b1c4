package org.certbulletin.testing;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import nu.validator.client.EmbeddedValidator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Checks HTML with the Nu HTML Checker (the W3C validator's engine), in process. */
public final class HtmlValidation {

  private HtmlValidation() {}

  /** The checker's error messages for {@code html}; empty if it has none. */
  public static List<String> errors(byte[] html) {
    try {
      EmbeddedValidator validator = new EmbeddedValidator();
      validator.setOutputFormat(EmbeddedValidator.OutputFormat.JSON);
      validator.setForceHTML(true);
      String report = validator.validate(new ByteArrayInputStream(html));
      JsonNode messages = JsonMapper.builder().build().readTree(report).path("messages");
      List<String> errors = new ArrayList<>();
      for (JsonNode message : messages) {
        String type = message.path("type").asString();
        if ("error".equals(type) || "non-document-error".equals(type)) {
          errors.add(
              message.path("lastLine").asInt()
                  + ":"
                  + message.path("lastColumn").asInt()
                  + " "
                  + message.path("message").asString()
                  + " ["
                  + message.path("extract").asString()
                  + "]");
        }
      }
      return errors;
    } catch (Exception e) {
      throw new IllegalStateException("the Nu HTML Checker failed to run", e);
    }
  }
}
