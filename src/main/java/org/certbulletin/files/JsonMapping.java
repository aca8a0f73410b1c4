package org.certbulletin.files;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one Jackson set-up for the files cert-bulletin reads and writes (data files, the publish
 * manifest): members in snake_case, {@code java.time} values as ISO-8601 text with their offsets as
 * written, absent optional values empty, absent lists and maps empty, absent values left out when
 * writing, indented output.
 */
public final class JsonMapping {

  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .disable(DateTimeFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .changeDefaultPropertyInclusion(
              include -> include.withValueInclusion(JsonInclude.Include.NON_ABSENT))
          .withConfigOverride(
              List.class, o -> o.setNullHandling(JsonSetter.Value.forValueNulls(Nulls.AS_EMPTY)))
          .withConfigOverride(
              Map.class, o -> o.setNullHandling(JsonSetter.Value.forValueNulls(Nulls.AS_EMPTY)))
          .build();

  private static final DefaultIndenter INDENTER = new DefaultIndenter("  ", "\n");

  /**
   * The layout of the data files as analysts write them: two-space indents, one array item per
   * line, {@code "key": value}, {@code []} and {@code {}} for empty ones.
   */
  private static final ObjectWriter FILE_WRITER =
      MAPPER
          .writer()
          .with(
              new DefaultPrettyPrinter(
                      Separators.createDefaultInstance()
                          .withObjectNameValueSpacing(Separators.Spacing.AFTER)
                          .withArrayEmptySeparator("")
                          .withObjectEmptySeparator(""))
                  .withArrayIndenter(INDENTER)
                  .withObjectIndenter(INDENTER));

  private JsonMapping() {}

  /**
   * {@code tree} as UTF-8 in the layout of the data files, ending with a newline: a file read and
   * written back unchanged stays byte for byte the same, so a diff shows only what changed.
   */
  public static byte[] fileBytes(JsonNode tree) {
    return (FILE_WRITER.writeValueAsString(tree) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /** The mapper; immutable, shared by every thread. */
  public static JsonMapper mapper() {
    return MAPPER;
  }
}
